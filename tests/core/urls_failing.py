from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from learningcity.urls import handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, *i18n_patterns(path("boom/", boom))]
