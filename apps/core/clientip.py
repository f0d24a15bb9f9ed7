from django.conf import settings


def client_ip(request):
    """The visitor's address, for sign-in throttling.

    Directly served, it is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT reverse proxies that each
    append the address they saw to X-Forwarded-For, it is that many entries from the right:
    whatever a visitor writes into the header themselves stays to the left and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in hops if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")
