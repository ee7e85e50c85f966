"""Django's admin site, its login going through the sign-in throttle's form."""

from __future__ import annotations

from django.contrib import admin

from skillpath.web.forms import ThrottledAdminLoginForm


class SkillpathAdminSite(admin.AdminSite):
    login_form = ThrottledAdminLoginForm
