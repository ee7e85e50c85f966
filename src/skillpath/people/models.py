"""People: accounts are Django's own users; roles, cohorts and mentoring come later here."""
