"""The account pages under /akun/: sign-in, sign-out and changing one's password,
all from ``django.contrib.auth``.

Resetting a forgotten password sends a link by email, so its pages exist only when
the deployment has an email server (``DJANGO_EMAIL_HOST``); without one they would
promise a message that never comes. Requests for a reset are throttled per address
and per email, so the pages cannot be used to flood someone's inbox.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

RESET_MAKS = 5  # requests per hour, per client address and per email address
RESET_JENDELA = 60 * 60


def reset_terlalu_sering(request: HttpRequest) -> bool:
    """Count this reset request; True once the address or the email has asked
    more than ``RESET_MAKS`` times within the hour. Counted in the default cache
    (one per process unless the deployment configures a shared one)."""
    surel = request.POST.get("email", "").strip().lower()[:254]
    alamat = request.META.get("REMOTE_ADDR", "")
    terlalu = False
    for kunci in (f"lakip-reset:alamat:{alamat}", f"lakip-reset:surel:{surel}"):
        cache.add(kunci, 0, RESET_JENDELA)
        terlalu |= cache.incr(kunci) > RESET_MAKS
    return terlalu


class ResetSandi(auth.PasswordResetView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if reset_terlalu_sering(request):
            messages.error(
                request,
                "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi satu jam "
                "lagi, atau hubungi administrator.",
            )
            respons = self.render_to_response(self.get_context_data())
            respons.status_code = 429
            return respons
        return super().post(request, *args, **kwargs)


urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        auth.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]


def perlu_surel(view):
    """404 while the deployment has no email server."""

    @wraps(view)
    def dengan_surel(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.EMAIL_HOST:
            raise Http404("Atur ulang kata sandi tidak tersedia.")
        return view(request, *args, **kwargs)

    return dengan_surel


urlpatterns += [
    path("password_reset/", perlu_surel(ResetSandi.as_view()), name="password_reset"),
    path(
        "password_reset/done/",
        perlu_surel(auth.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        perlu_surel(auth.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        perlu_surel(auth.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
