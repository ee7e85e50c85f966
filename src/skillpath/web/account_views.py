"""Signing in and out, one's sessions, changing one's password: Django's own views with our
templates and a throttled form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST

from skillpath.curriculum import selectors as curricula
from skillpath.people import selectors as people
from skillpath.people import services as people_services
from skillpath.web.access import learner_required
from skillpath.web.account_forms import (
    PasswordConfirmForm,
    ThrottledLoginForm,
    ThrottledPasswordChangeForm,
)


class CurriculumInNavbar:
    """The navbar links the curriculum's pages, as on every other page."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        return {**context, "curriculum": curricula.default_curriculum()}


class SignInView(CurriculumInNavbar, auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = ThrottledLoginForm
    next_page = "web:home"


class SignOutView(auth_views.LogoutView):
    next_page = "web:login"


class PasswordChangeView(CurriculumInNavbar, auth_views.PasswordChangeView):
    """Django's password change (the session gets a new key), which also ends every other
    session of the user: whoever knew the old password is signed out (ASVS 3.3.3)."""

    template_name = "web/password_change.html"
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("web:account_sessions")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: ThrottledPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        people_services.sign_out_everywhere(
            user=self.request.user, keep_key=self.request.session.session_key
        )
        messages.success(
            self.request, _("Your password was changed and your other sessions were signed out.")
        )
        return response


password_change = login_required(PasswordChangeView.as_view())


def _sessions_page(request: HttpRequest, form: PasswordConfirmForm, status: int = 200) -> Any:
    found = people.signed_in_sessions(user=request.user, current_key=request.session.session_key)
    context = {
        "curriculum": curricula.default_curriculum(),
        "signed_in": found,
        "form": form,
        "idle_minutes": settings.SKILLPATH_SESSION_IDLE_SECONDS // 60,
        "max_hours": settings.SKILLPATH_SESSION_MAX_SECONDS // 3600,
    }
    return render(request, "web/account_sessions.html", context, status=status)


@learner_required
def account_sessions(request: HttpRequest) -> HttpResponse:
    """Where the user is signed in, with a way to end each session or all of them."""
    return _sessions_page(request, PasswordConfirmForm(request=request))


@require_POST
@learner_required
def account_session_sign_out(request: HttpRequest, public_id: str) -> HttpResponse:
    """End one of the user's other sessions, once their password is confirmed."""
    form = PasswordConfirmForm(request.POST, request=request)
    if not form.is_valid():
        return _sessions_page(request, form, status=400)
    if people_services.sign_out_session(user=request.user, session_id=public_id):
        messages.success(request, _("That session was signed out."))
    else:
        messages.info(request, _("That session had already ended."))
    return redirect("web:account_sessions")


@require_POST
@learner_required
def account_sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, this one included, once their password is confirmed."""
    form = PasswordConfirmForm(request.POST, request=request)
    if not form.is_valid():
        return _sessions_page(request, form, status=400)
    people_services.sign_out_everywhere(user=request.user)
    logout(request)
    return redirect("web:login")


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a signed-in learner's choice is also kept in their profile,
    so that the CLI on their machine speaks the language they read the pages in."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and check_for_language(language):
        people_services.remember_language(user=request.user, language=language)
    return response
