"""Sign-in and password reset, throttled against guessing, spraying and mail floods.

django-axes pauses one user name from one address after AXES_FAILURE_LIMIT wrong passwords.
Besides, an address that has failed AXES_ADDRESS_FAILURE_LIMIT times across *any* user names
within the pause is paused too (password spraying), and password resets are limited per
address and per account. The answer to a reset never says whether the address has an account.
"""

import datetime
import functools

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render

from . import throttle
from .clientip import client_ip
from .forms import RefusedFormStatus, SignInForm

RESET_WINDOW = datetime.timedelta(hours=1)


def _paused(request, reason):
    return render(request, "registration/locked_out.html", {"reason": reason}, status=429)


def address_throttled(view):
    """Refuse sign-in attempts from an address that failed too often across user names."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            failures = throttle.address_failures(client_ip(request))
            if failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
                return _paused(request, "address")
        return view(request, *args, **kwargs)

    return wrapped


class SignInView(RefusedFormStatus, auth_views.LoginView):
    pass


sign_in = address_throttled(SignInView.as_view(authentication_form=SignInForm))


class PasswordResetView(RefusedFormStatus, auth_views.PasswordResetView):
    """Django's reset form, limited per address (a clear 429) and per account (silently)."""

    def form_valid(self, form):
        address = client_ip(self.request) or "unknown"
        if not throttle.allow(
            "reset-address", address, settings.PASSWORD_RESET_ADDRESS_LIMIT, RESET_WINDOW
        ):
            return _paused(self.request, "reset")
        account = throttle.hashed(form.cleaned_data["email"])
        if not throttle.allow(
            "reset-account", account, settings.PASSWORD_RESET_ACCOUNT_LIMIT, RESET_WINDOW
        ):
            # The same answer as a sent e-mail, so it says nothing about the account.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()


class PasswordResetConfirmView(RefusedFormStatus, auth_views.PasswordResetConfirmView):
    pass


class PasswordChangeView(RefusedFormStatus, auth_views.PasswordChangeView):
    pass


password_reset_confirm = PasswordResetConfirmView.as_view()
password_change = PasswordChangeView.as_view()
