import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)
_warned_at = None
WARN_EVERY = 3600  # seconds


def client_ip(request):
    """The visitor's address, for sign-in throttling.

    Directly served, it is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT reverse proxies that each
    append the address they saw to X-Forwarded-For (the compose file's nginx passes exactly
    one: the visitor's), it is that many entries from the right: whatever a visitor writes into
    the header themselves stays to the left and is ignored. A request with fewer entries than
    proxies counted means the count is wrong: it is logged (once an hour) and REMOTE_ADDR used.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = [hop.strip() for hop in hops if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
        _warn_miscounted(len(hops), count)
    return request.META.get("REMOTE_ADDR", "")


def _warn_miscounted(found, count):
    global _warned_at
    now = time.monotonic()
    if _warned_at is not None and now - _warned_at < WARN_EVERY:
        return
    _warned_at = now
    logger.warning(
        "X-Forwarded-For holds %s address(es) but TRUSTED_PROXY_COUNT is %s: the proxies in "
        "front are miscounted (count those that append to the header, the TLS terminator "
        "included), so sign-in throttling sees a proxy's address",
        found,
        count,
    )
