"""The reference solution of the text-cli practice (a package, so broken variants can import it)."""
