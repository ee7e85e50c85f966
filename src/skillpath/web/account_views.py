"""Signing in and out: Django's own views with our templates and a throttled form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views

from skillpath.curriculum import selectors as curricula
from skillpath.web.forms import ThrottledLoginForm


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = ThrottledLoginForm
    next_page = "web:home"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The navbar links the curriculum's pages, as on every other page.
        return {**super().get_context_data(**kwargs), "curriculum": curricula.default_curriculum()}


class SignOutView(auth_views.LogoutView):
    next_page = "web:login"
