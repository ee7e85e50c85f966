"""The reference solution of the task-cli project: `python reference/tasks.py --help`."""
