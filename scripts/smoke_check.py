#!/usr/bin/env python
"""Helper of scripts/smoke_production.sh (production smoke test without a Docker engine).

Standard library, plus Django and the project's code from the virtual environment for the
``seed`` command and the database look-ups of ``check``. Sub-commands:

  compose       read ``docker-compose config`` (as JSON) and the Dockerfile; check that the
                compose services agree with each other and with deploy/nginx.conf; write the
                portal's environment (compose's, with the service addresses and container
                paths mapped to this machine) and the services' commands as shell files
  render-nginx  render deploy/nginx.conf with the upstream, listen port and media path
                substituted (each exactly once) and a main nginx.conf that includes it
  free-port     print an unused TCP port of 127.0.0.1
  smtp-sink     a tiny SMTP server that writes every message it receives into a folder
  seed          create minimal production data (load_demo refuses to run in production)
  check         the checks through nginx; exits 1 when any fails
"""

import argparse
import datetime
import gzip
import http.client
import http.cookies
import json
import os
import re
import runpy
import secrets
import shlex
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import time
import urllib.parse
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL_SERVICES = ("migrate", "web", "worker", "beat")


class Failure(Exception):
    """A check or a consistency rule failed; the message says what and why."""


def fail(message):
    raise Failure(message)


# --- compose -----------------------------------------------------------------------------


def _volumes(service):
    """{target: source} of a service's volumes, from compose's normalised "src:dst:mode"."""
    found = {}
    for entry in service.get("volumes", []):
        if isinstance(entry, dict):
            found[entry["target"]] = entry.get("source", "")
        else:
            parts = entry.split(":")
            found[parts[1]] = parts[0]
    return found


def _service_with(services, host, needle):
    if host not in services:
        fail(f"{host!r} is not a service of docker-compose.yml")
    command = " ".join(map(str, services[host].get("command") or []))
    if needle not in command:
        fail(f"service {host!r} is not started with {needle!r} (command: {command})")


def _dockerfile():
    """ENV values, the build-time BUILD_ENV argument, WORKDIR and CMD of the Dockerfile."""
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    env, build_env, workdir, cmd = {}, None, "/", None
    for line in text.splitlines():
        word, _, rest = line.strip().partition(" ")
        if word == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(rest))
        elif word == "ARG" and rest.startswith("BUILD_ENV="):
            build_env = shlex.split(rest)[0].split("=", 1)[1]
        elif word == "WORKDIR":
            workdir = rest.strip()
        elif word == "CMD":
            cmd = json.loads(rest)
    if cmd is None or build_env is None:
        fail("the Dockerfile has no CMD or no BUILD_ENV argument")
    return env, build_env, workdir, cmd


def _gunicorn_default_bind():
    saved = os.environ.pop("GUNICORN_BIND", None)
    try:
        return runpy.run_path(str(ROOT / "learningcity" / "gunicorn.py"))["bind"]
    finally:
        if saved is not None:
            os.environ["GUNICORN_BIND"] = saved


def _check_database(env, services):
    """DATABASE_URL names the db service's own database, user and password."""
    url = urllib.parse.urlsplit(env["DATABASE_URL"])
    db_env = services["db"].get("environment") or {}
    expected = (
        "db",
        5432,
        db_env.get("POSTGRES_USER"),
        db_env.get("POSTGRES_PASSWORD"),
        "/" + str(db_env.get("POSTGRES_DB")),
    )
    found = (url.hostname, url.port, url.username, url.password, url.path)
    if url.scheme not in {"postgres", "postgresql"} or found != expected:
        shown = urllib.parse.urlunsplit(
            url._replace(netloc=url.netloc.replace(url.password or "\0", "***"))
        )
        fail(
            f"DATABASE_URL ({shown}) does not name the db service: expected host db, port "
            "5432 and its POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB"
        )


def _check_redis(env, services):
    """Two Redis servers: a cache that evicts, a broker that never does."""
    cache, broker = (
        urllib.parse.urlsplit(env[key]).hostname for key in ("CACHE_URL", "BROKER_URL")
    )
    if cache == broker:
        fail("CACHE_URL and BROKER_URL name the same Redis service")
    _service_with(services, cache, "allkeys-lru")
    _service_with(services, broker, "noeviction")
    return cache, broker


def _check_volumes(env, services):
    """Uploads: a volume the portal writes and nginx reads at the same path; the private
    files in a volume nginx never sees; every portal service mounts the same volumes."""
    web_volumes, nginx_volumes = _volumes(services["web"]), _volumes(services["nginx"])
    media_root = env["MEDIA_ROOT"].rstrip("/")
    private_root = env["PRIVATE_MEDIA_ROOT"].rstrip("/")
    for name, path in (("MEDIA_ROOT", media_root), ("PRIVATE_MEDIA_ROOT", private_root)):
        if path not in web_volumes:
            fail(f"{name} {path} is not a volume of the web service")
    if nginx_volumes.get(media_root) != web_volumes[media_root]:
        fail(f"nginx does not mount the media volume at MEDIA_ROOT ({media_root})")
    if web_volumes[private_root] in nginx_volumes.values():
        fail("nginx mounts the private volume: evidence and reports would be public")
    for name in PORTAL_SERVICES:
        if _volumes(services[name]) != web_volumes:
            fail(f"service {name!r} does not mount the same volumes as web")
    return media_root


def _nginx_facts(env, services):
    """The server file nginx mounts, the port it listens on, the port web exposes."""
    nginx_volumes = _volumes(services["nginx"])
    conf = next((s for d, s in nginx_volumes.items() if d.startswith("/etc/nginx/conf.d/")), "")
    if not conf or Path(conf).resolve() != (ROOT / "deploy/nginx.conf").resolve():
        fail("nginx does not mount deploy/nginx.conf into /etc/nginx/conf.d/")
    ports = services["nginx"].get("ports") or []
    if len(ports) != 1:
        fail("nginx should publish exactly one port")
    port = ports[0]
    listen = int(port["target"] if isinstance(port, dict) else str(port).split(":")[-1])
    expose = [int(p) for p in services["web"].get("expose") or []]
    bind = env.get("GUNICORN_BIND") or _gunicorn_default_bind()
    if expose != [int(bind.rsplit(":", 1)[1])]:
        fail(f"web exposes {expose} but gunicorn binds {bind}")
    return str(Path(conf).resolve()), listen, expose[0]


def _healthcheck(services, name):
    test = services[name].get("healthcheck", {}).get("test") or []
    if not test or test[0] != "CMD-SHELL":
        fail(f"{name} has no CMD-SHELL healthcheck")
    return test[1].replace("$$", "$")  # compose's escape for a literal $


def _write_shell(path, values, exports):
    with open(path, "w") as out:
        for key, value in values.items():
            if isinstance(value, list):
                out.write(f"{key}=({' '.join(shlex.quote(v) for v in value)})\n")
            else:
                out.write(f"{'export ' if exports else ''}{key}={shlex.quote(value)}\n")


def cmd_compose(args):
    services = json.loads(Path(args.config).read_text())["services"]
    for name in (*PORTAL_SERVICES, "db", "nginx"):
        if name not in services:
            fail(f"docker-compose.yml has no {name!r} service")
    envs = {name: services[name].get("environment") or {} for name in PORTAL_SERVICES}
    for name in PORTAL_SERVICES:
        if envs[name] != envs["web"]:
            fail(f"service {name!r} does not share the portal's environment (x-portal)")
    image_env, build_env, workdir, web_cmd = _dockerfile()
    env = {**image_env, **{key: str(value) for key, value in envs["web"].items()}}

    _check_database(env, services)
    cache, broker = _check_redis(env, services)
    media_root = _check_volumes(env, services)
    conf, listen, web_port = _nginx_facts(env, services)
    mapped = {
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "BROKER_URL": args.broker_url,
        "MEDIA_ROOT": str(Path(args.tmp) / "media"),
        "PRIVATE_MEDIA_ROOT": str(Path(args.tmp) / "private"),
    }
    env.update(mapped)
    # Anything else still naming a compose service or a path of the image is not mapped.
    hosts = "|".join(re.escape(name) for name in services)
    image_dir = workdir.rstrip("/") + "/"
    for key, value in env.items():
        if re.search(rf"(//|@)({hosts})[:/]", value) or value.startswith(image_dir):
            fail(f"{key}={value} names a compose service or an image path: map it here")

    def native(command):
        var = str(Path(args.tmp) / "var")
        return [part.replace(f"{image_dir}var", var) for part in map(str, command)]

    plan = {
        "SMOKE_WEB_CMD": native(services["web"].get("command") or web_cmd),
        "SMOKE_WORKER_CMD": native(services["worker"]["command"]),
        "SMOKE_BEAT_CMD": native(services["beat"]["command"]),
        "SMOKE_MIGRATE_CMD": native(services["migrate"]["command"]),
        "SMOKE_WEB_HEALTHCHECK": _healthcheck(services, "web"),
        "SMOKE_WORKER_HEALTHCHECK": _healthcheck(services, "worker"),
        "SMOKE_BUILD_ENV": build_env,
        "SMOKE_NGINX_CONF": conf,
        "SMOKE_UPSTREAM": f"web:{web_port}",
        "SMOKE_LISTEN": str(listen),
        "SMOKE_COMPOSE_MEDIA_ROOT": media_root,
        "SMOKE_GUNICORN_CONTAINER_PORT": str(web_port),
    }
    _write_shell(args.env_out, dict(sorted(env.items())), exports=True)
    _write_shell(args.plan_out, plan, exports=False)
    print(
        "compose: web/worker/beat/migrate share one environment and volumes; DATABASE_URL "
        f"matches db; cache={cache} (allkeys-lru), broker={broker} (noeviction); media "
        f"volume shared with nginx at {media_root}; private volume not in nginx"
    )
    print(f"compose: mapped to this machine: {', '.join(mapped)}; the rest verbatim:")
    for key in sorted(set(env) - set(mapped)):
        print(f"    {key}={'<random>' if key == 'SECRET_KEY' else env[key]}")


# --- nginx -------------------------------------------------------------------------------


MAIN_CONF = """\
# Generated by scripts/smoke_check.py: the main file of the nginx:1.27 image, trimmed to what
# matters, with every path in the smoke test's folder. The server block is the shipped file.
{user}worker_processes 1;
pid {tmp}/nginx/nginx.pid;
error_log stderr warn;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    log_format smoke '$remote_addr "$request" $status upstream=$upstream_addr '
                     'gzip=$sent_http_content_encoding';
    access_log {tmp}/nginx/access.log smoke;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {tmp}/nginx/client_body;
    proxy_temp_path {tmp}/nginx/proxy;
    fastcgi_temp_path {tmp}/nginx/fastcgi;
    uwsgi_temp_path {tmp}/nginx/uwsgi;
    scgi_temp_path {tmp}/nginx/scgi;
    include {server_conf};
}}
"""


def cmd_render_nginx(args):
    shipped = Path(args.conf).read_text()
    substitutions = [
        (f"server {args.upstream};", f"server 127.0.0.1:{args.gunicorn_port};"),
        (f"listen {args.listen};", f"listen 127.0.0.1:{args.port};"),
        (f"alias {args.media_root}/;", f"alias {args.media_dir.rstrip('/')}/;"),
    ]
    rendered = shipped
    for old, new in substitutions:
        count = len(re.findall(rf"(?m)^\s*{re.escape(old)}\s*$", rendered))
        if count != 1:
            fail(
                f"{args.conf} should contain the line {old!r} exactly once (found {count}): "
                "it no longer matches docker-compose.yml"
            )
        rendered = re.sub(rf"(?m)^(\s*){re.escape(old)}(\s*)$", rf"\g<1>{new}\g<2>", rendered)
    out = Path(args.tmp) / "nginx"
    out.mkdir(parents=True, exist_ok=True)
    server_conf = out / "portal.conf"
    server_conf.write_text(rendered)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    main = MAIN_CONF.format(
        user=user, tmp=args.tmp, mime_types="/etc/nginx/mime.types", server_conf=server_conf
    )
    (out / "nginx.conf").write_text(main)
    print(out / "nginx.conf")


# --- small tools -------------------------------------------------------------------------


def cmd_free_port(args):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        print(sock.getsockname()[1])


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's smtplib client (no TLS, no authentication)."""

    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")

    def handle(self):
        self.reply("220 smoke-sink ESMTP")
        recipients = []
        while line := self.rfile.readline():
            verb = line.decode("ascii", "replace").strip()[:4].upper()
            if verb == "EHLO":
                self.reply("250-smoke-sink\r\n250 8BITMIME")
            elif verb in {"HELO", "MAIL", "RSET", "NOOP"}:
                recipients = [] if verb == "RSET" else recipients
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                name = Path(self.server.folder) / f"{time.time_ns()}.eml"
                name.write_bytes(b"".join(data))
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


def cmd_smtp_sink(args):
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", args.port), SMTPHandler) as server:
        server.folder = args.folder
        server.daemon_threads = True
        server.serve_forever()


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")
    import django

    django.setup()


# --- seed --------------------------------------------------------------------------------


def _drawing():
    """A JPEG of a stilt house below a mountain, drawn here (nothing downloaded)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1000, 640), (135, 195, 235))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 420), (300, 180), (620, 400), (1000, 230), (1000, 640), (0, 640)], (58, 102, 74)
    )
    draw.rectangle([330, 330, 690, 450], fill=(150, 100, 60))
    draw.polygon([(300, 330), (510, 220), (720, 330)], fill=(120, 55, 40))
    for x in range(350, 690, 80):
        draw.rectangle([x, 450, x + 12, 560], fill=(90, 60, 35))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def cmd_seed(args):
    """Production data for the checks: what content staff would enter in the admin."""
    django_setup()
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from apps.commitments.models import Commitment, Direction, KeyFeature, Measurement, Unit
    from apps.core.images import check_image, save_renditions
    from apps.core.models import Area, Profile
    from apps.core.permissions import OFFICIALS, ensure_roles
    from apps.spaces.models import LearningSpace, OpeningHours, Photo

    password = secrets.token_urlsafe(18)
    with transaction.atomic():
        call_command("loaddata", "areas", "key_figures", verbosity=0)
        groups = ensure_roles()
        unit = Area.objects.units().order_by("order", "pk").first()
        village = Area.objects.filter(parent=unit).order_by("order", "pk").first()
        if unit is None or village is None:
            fail("the areas fixture has no ward or commune with a village")
        official = get_user_model().objects.create_user(
            "smoke.official",
            email="smoke.official@example.org",
            password=password,
            first_name="Smoke",
            last_name="Official",
        )
        official.groups.add(groups[OFFICIALS])
        profile, _created = Profile.objects.get_or_create(user=official)
        profile.areas.set([unit])

        commitment = Commitment.objects.create(
            slug="smoke-commitment",
            title="Thư viện ở mọi bản (kiểm thử)",
            title_vi="Thư viện ở mọi bản (kiểm thử)",
            title_en="A library in every village (smoke test)",
            summary_vi="Cam kết tạo để kiểm thử triển khai.",
            summary_en="A commitment created by the production smoke test.",
            key_feature=KeyFeature.CULTURE,
            unit=Unit.PERCENT,
            direction=Direction.RAISE,
            baseline_value=Decimal("40"),
            baseline_year=2020,
            target_value=Decimal("90"),
            target_year=2030,
            published=True,
        )
        commitment.officials.set([official])
        for year, value in ((2021, "48"), (2023, "61"), (2024, "66")):
            day = datetime.date(year, 12, 31)
            Measurement.objects.create(
                commitment=commitment,
                valid_on=day,
                value=Decimal(value),
                note_vi=f"Số liệu cuối năm {year}.",
                note_en=f"Year-end figure {year}.",
                recorded_by=official,
                status=Measurement.State.APPROVED,
                approved_at=timezone.now(),
            )

        space = LearningSpace(
            slug="smoke-nha-tri-thuc",
            kind=LearningSpace.Kind.HOUSE_OF_WISDOM,
            area=village,
            name="Nhà Tri thức kiểm thử",
            name_vi="Nhà Tri thức kiểm thử",
            name_en="Smoke test House of Wisdom",
            address="Nhà văn hóa bản, TP Sơn La",
            latitude=Decimal("21.325600"),
            longitude=Decimal("103.918800"),
            description_vi="Nơi đọc sách và sinh hoạt cộng đồng.",
            description_en="A place to read and meet.",
            book_count=300,
            has_reading_corner=True,
            is_published=True,
        )
        space.save()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                space=space, weekday=day, opens=datetime.time(7, 30), closes=datetime.time(21)
            )
            for day in range(7)
        )
        upload = SimpleUploadedFile("smoke.jpg", _drawing(), content_type="image/jpeg")
        photo = Photo(space=space, alt="Nhà sàn dưới chân núi", order=0)
        photo.alt_vi = photo.alt
        photo.alt_en = "A stilt house below the mountain"
        photo.set_renditions(save_renditions(check_image(upload), Photo.upload_prefix()))
        photo.save()

    seed = {
        "username": official.username,
        "password": password,
        "email": official.email,
        "commitment_slug": commitment.slug,
        "commitment_title_vi": commitment.title_vi,
        "commitment_title_en": commitment.title_en,
        "space_slug": space.slug,
        "space_name_vi": space.name_vi,
        "photo_files": [item[key] for item in photo.renditions for key in ("webp", "jpeg")],
    }
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(seed, out)
    print(
        f"seed: official {official.username!r} (officials, {unit.slug}), commitment "
        f"{commitment.slug!r} with 3 figures, space {space.slug!r} with a photo "
        f"({len(seed['photo_files'])} files under MEDIA_ROOT)"
    )


# --- checks ------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, raw):
        self.status, self.headers, self.raw = status, headers, raw
        encoding = headers.get("Content-Encoding", "")
        self.body = gzip.decompress(raw) if encoding == "gzip" else raw

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name, "")


class Client:
    """A visitor behind the TLS terminator: http to nginx, from its own loopback address.

    The terminator in front of the compose file's nginx tells it the scheme with
    X-Forwarded-Proto: https; this client says so itself. It keeps its own cookie jar because
    production cookies are Secure (Python's jar would not send them over plain http).
    """

    def __init__(self, address, host, source_ip):
        self.address, self.host, self.source_ip = address, host, source_ip
        self.cookies = {}
        self.cookie_attributes = {}

    @property
    def origin(self):
        return f"https://{self.host}"

    def request(self, method, path, *, form=None, headers=None, https=True, gzip_ok=True):
        host, port = self.address
        connection = http.client.HTTPConnection(
            host, port, timeout=30, source_address=(self.source_ip, 0)
        )
        sent = {"Host": self.host, "User-Agent": "smoke-production/1.0"}
        if gzip_ok:
            sent["Accept-Encoding"] = "gzip"
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            reply = connection.getresponse()
            raw = reply.read()
        except OSError as error:
            fail(f"{method} {path}: {error}")
        finally:
            connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
                self.cookie_attributes[name] = header.lower()
        return Response(reply.status, reply.headers, raw)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, form, **kwargs):
        return self.request("POST", path, form=form, **kwargs)


def expect(condition, message):
    if not condition:
        fail(message)


def csrf_token(page):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    expect(match, "no CSRF token in the form")
    return match.group(1)


class Checks:
    def __init__(self, args):
        self.args = args
        self.seed = json.loads(Path(args.seed).read_text())
        self.host = args.host
        self.site_url = os.environ["SITE_URL"].rstrip("/")
        port = int(args.nginx.rsplit(":", 1)[1])
        self.visitor = Client(("127.0.0.1", port), self.host, args.client_ip)
        gunicorn_host, gunicorn_port = args.gunicorn.rsplit(":", 1)
        self.direct = Client((gunicorn_host, int(gunicorn_port)), self.host, "127.0.0.1")
        self.official = Client(("127.0.0.1", port), self.host, args.client_ip)
        self.report_path = None
        self._django = False

    def django(self):
        if not self._django:
            django_setup()
            self._django = True

    # ----------------------------------------------------------------------------------

    def check_ssl_redirect(self):
        """Plain http (no terminator) is sent to https; the terminator's header is believed."""
        reply = self.visitor.get("/vi/", https=False)
        expect(reply.status == 301, f"/vi/ over plain http answered {reply.status}, not 301")
        location = reply.header("Location")
        expect(location == f"https://{self.host}/vi/", f"redirected to {location!r}")
        return f"http → {location}"

    def check_healthz(self):
        reply = self.visitor.get("/healthz")
        expect(reply.status == 200, f"/healthz answered {reply.status}: {reply.text[:300]}")
        state = json.loads(reply.text)
        expect(state.get("status") == "ok", f"/healthz says {state}")
        expect(state["broker"].get("mode") != "eager", "tasks run in the web process (eager)")
        return f"status ok ({', '.join(k for k in state if isinstance(state[k], dict))})"

    def key_pages(self):
        seed = self.seed
        return {
            "/vi/": "hreflang",
            "/en/": "hreflang",
            "/vi/commitments/": seed["commitment_title_vi"],
            "/vi/commitments/data.csv": seed["commitment_slug"],
            "/vi/reports/": "<h1",
            "/vi/spaces/": seed["space_name_vi"],
            "/vi/spaces/map/": "<h1",
            "/vi/spaces.geojson": seed["space_slug"],
            f"/vi/spaces/{seed['space_slug']}/": seed["space_name_vi"],
            f"/vi/commitments/{seed['commitment_slug']}/": seed["commitment_title_vi"],
            "/sitemap.xml": f"https://{self.host}/vi/spaces/{seed['space_slug']}/",
            "/robots.txt": f"Sitemap: {self.site_url}/sitemap.xml",
        }

    def check_pages(self):
        """Each key page: 200, gzip when asked, its content, twice (page cache miss, hit)."""
        problems, count = [], 0
        for path, needle in self.key_pages().items():
            for attempt in ("first", "second"):
                reply = self.visitor.get(path)
                count += 1
                # A published file (open data, the map's feed) not built yet answers 503 with
                # Retry-After: the worker publishes every file as it starts; wait as a client would.
                deadline = time.monotonic() + 60
                while (
                    reply.status == 503
                    and reply.header("Retry-After")
                    and (time.monotonic() < deadline)
                ):
                    time.sleep(1)
                    reply = self.visitor.get(path)
                kind = reply.header("Content-Type").split(";")[0]
                where = f"{path} ({attempt} request, {kind or 'no type'})"
                if reply.status != 200:
                    problems.append(f"{where}: status {reply.status}")
                    break
                if reply.header("Content-Encoding") != "gzip":
                    problems.append(f"{where}: not gzip-compressed")
                if needle not in reply.text:
                    problems.append(f"{where}: does not contain {needle!r}")
                if "Strict-Transport-Security" not in reply.headers:
                    problems.append(f"{where}: no HSTS header")
        if "X-Page-Cache" in self.visitor.get("/vi/").headers:
            problems.append("X-Page-Cache is sent in production (PAGE_CACHE_HEADER)")
        home = self.visitor.get("/vi/").text
        alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', home)
        if not alternates or not all(a.startswith(self.site_url + "/") for a in alternates):
            problems.append(f"hreflang links do not use SITE_URL {self.site_url}: {alternates}")
        more = f"; and {len(problems) - 6} more" if len(problems) > 6 else ""
        expect(not problems, "; ".join(problems[:6]) + more)
        return f"{len(self.key_pages())} pages × 2 requests: 200, gzip, expected content, HSTS"

    def check_static(self):
        home = self.visitor.get("/vi/").text
        paths = re.findall(r'(/static/[^"\s]+\.(?:css|js))"', home)
        expect(paths, "the home page links no stylesheet or script under /static/")
        for path in paths[:3]:
            reply = self.visitor.get(path)
            expect(reply.status == 200, f"{path} answered {reply.status}")
            expect(reply.header("Content-Encoding") == "gzip", f"{path} is not gzip-compressed")
            expect("immutable" in reply.header("Cache-Control"), f"{path} is not cached forever")
        return f"{len(paths[:3])} hashed files: 200, gzip, immutable ({paths[0]})"

    def check_media(self):
        """The space's photo, as its page links it, is served by nginx from MEDIA_ROOT."""
        slug = self.seed["space_slug"]
        page = self.visitor.get(f"/vi/spaces/{slug}/").text
        urls = sorted(set(re.findall(r"/media/[^\"\s,]+\.(?:jpg|webp)", page)))
        expect(urls, f"/vi/spaces/{slug}/ shows no photo from /media/")
        media_root = Path(os.environ["MEDIA_ROOT"])
        log = Path(self.args.access_log)
        for url in urls:
            reply = self.visitor.get(url)
            expect(reply.status == 200, f"{url} answered {reply.status} through nginx")
            on_disk = media_root / urllib.parse.unquote(url.removeprefix("/media/"))
            expect(on_disk.is_file(), f"{url} is not a file under MEDIA_ROOT")
            expect(reply.body == on_disk.read_bytes(), f"{url} differs from {on_disk}")
            kind = reply.header("Content-Type")
            expect(kind in {"image/jpeg", "image/webp"}, f"{url} sent as {kind!r}")
            expect(reply.header("X-Content-Type-Options") == "nosniff", f"{url}: no nosniff")
            expect("max-age=604800" in reply.header("Cache-Control"), f"{url}: no 7-day expiry")
            # nginx's own sandboxing policy, not the portal's page policy (Django's would name
            # default-src 'self').
            policy = reply.header("Content-Security-Policy") or ""
            expect(policy.startswith("sandbox;"), f"{url}: no sandboxing policy from nginx")
            expect("'self' 'unsafe" not in policy, f"{url} came from Django")
        time.sleep(0.2)  # the access log line is written once the response is sent
        lines = [line for line in log.read_text().splitlines() if f'"GET {urls[0]} ' in line]
        expect(lines, f"{urls[0]} is not in nginx's access log")
        expect(all("upstream=-" in line for line in lines), f"{urls[0]} went upstream: {lines}")
        reply = self.direct.get(urls[0])
        expect(
            reply.status == 404,
            f"gunicorn itself answered {reply.status} for {urls[0]} (SERVE_MEDIA should be off)",
        )
        return (
            f"{len(urls)} renditions from nginx (no upstream), identical to MEDIA_ROOT; Django: 404"
        )

    def check_client_address(self):
        """The sign-in throttle is keyed on the visitor's address, as the terminator saw it.

        The test client plays the TLS terminator (a trusted private address): it appends the
        visitor's address to an X-Forwarded-For the visitor forged. nginx must pass the portal
        the visitor's address alone, and the portal (TRUSTED_PROXY_COUNT=1) must record it.
        """
        self.django()
        from axes.models import AccessAttempt

        forged, visitor = "198.51.100.7", "203.0.113.66"
        intruder = f"smoke.intruder.{secrets.token_hex(4)}"
        client = Client(self.visitor.address, self.host, self.args.client_ip)
        token = csrf_token(client.get("/en/accounts/login/"))
        form = {"csrfmiddlewaretoken": token, "username": intruder, "password": "wrong"}
        chain = f"{forged}, {visitor}"
        reply = client.post("/en/accounts/login/", form, headers={"X-Forwarded-For": chain})
        expect(reply.status == 400, f"a failed sign-in answered {reply.status}")
        recorded = list(
            AccessAttempt.objects.filter(username=intruder).values_list("ip_address", flat=True)
        )
        expect(recorded, "the failed sign-in left no axes AccessAttempt")
        address = recorded[0]
        if address == forged:
            fail(
                f"the portal recorded the forged X-Forwarded-For {forged}: nginx passes the "
                "visitor's header on, or TRUSTED_PROXY_COUNT counts more proxies than there are"
            )
        if address in ("127.0.0.1", self.args.client_ip):
            fail(
                f"the portal recorded {address}, a proxy's address, not the visitor's {visitor} "
                "(nginx not taking the real address from the terminator, or TRUSTED_PROXY_COUNT 0)"
            )
        expect(address == visitor, f"recorded {address}, not the visitor's {visitor}")
        return f"forged {forged} ignored; throttle keyed on {address} (the visitor's address)"

    def check_sign_in(self):
        client = self.official
        page = client.get("/en/accounts/login/")
        expect(page.status == 200, f"/en/accounts/login/ answered {page.status}")
        form = {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": self.seed["username"],
            "password": self.seed["password"],
        }
        reply = client.post("/en/accounts/login/", form)
        expect(
            reply.status == 302,
            f"sign-in answered {reply.status} (CSRF or credentials refused?): "
            + re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", reply.text))[:300],
        )
        expect(reply.header("Location") == "/en/workspace/", f"to {reply.header('Location')}")
        for name in ("sessionid", "csrftoken"):
            attributes = client.cookie_attributes.get(name, "")
            expect("secure" in attributes, f"the {name} cookie is not Secure: {attributes}")
        expect("httponly" in client.cookie_attributes["sessionid"], "sessionid is not HttpOnly")
        workspace = client.get("/en/workspace/")
        expect(workspace.status == 200, f"/en/workspace/ answered {workspace.status}")
        return "official signed in (Secure, HttpOnly session cookie); workspace 200"

    def check_report(self):
        """An official asks for a report; the worker builds it; the PDF downloads."""
        client = self.official
        expect("sessionid" in client.cookies, "not signed in (the sign-in check failed)")
        page = client.get("/en/workspace/reports/")
        expect(page.status == 200, f"/en/workspace/reports/ answered {page.status}")
        self.django()
        from django.utils import timezone

        form = {
            "csrfmiddlewaretoken": csrf_token(page),
            "reporting_date": timezone.localdate().isoformat(),  # the form's "today"
            "language": "en",
            "scope": "all",
        }
        reply = client.post("/en/workspace/reports/", form)
        expect(reply.status == 302, f"asking for a report answered {reply.status}")
        status_path = reply.header("Location")
        match = re.fullmatch(r"/en/workspace/reports/(\d+)/", status_path)
        expect(match, f"redirected to {status_path!r}")
        pk = int(match.group(1))
        started, state = time.monotonic(), None
        while time.monotonic() - started < self.args.report_timeout:
            status = client.get(status_path)
            expect(status.status == 200, f"{status_path} answered {status.status}")
            state = re.search(r'class="report-status status-(\w+)"', status.text)
            state = state.group(1) if state else None
            if state in {"done", "failed"}:
                break
            time.sleep(1)
        waited = time.monotonic() - started
        if state == "failed":
            reason = re.search(r'<p class="error">(.*?)</p>', status.text, re.S)
            fail(f"the worker failed to build report {pk}: {reason and reason.group(1).strip()}")
        expect(state == "done", f"report {pk} still {state!r} after {waited:.0f} s (worker?)")
        pdf = client.get(f"/en/reports/{pk}/pdf/")
        expect(pdf.status == 200, f"the PDF answered {pdf.status}")
        expect(pdf.header("Content-Type") == "application/pdf", pdf.header("Content-Type"))
        expect(pdf.body.startswith(b"%PDF-"), "the PDF download is not a PDF")
        expect("no-store" in pdf.header("Cache-Control"), "an unpublished report is cacheable")
        text, pdftotext = "", shutil.which("pdftotext")
        if pdftotext:
            with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
                handle.write(pdf.body)
                handle.flush()
                text = subprocess.run(  # noqa: S603 (our own temporary file)
                    [pdftotext, handle.name, "-"], capture_output=True, text=True, check=True
                ).stdout
            title = self.seed["commitment_title_en"]
            expect(title in " ".join(text.split()), f"the PDF does not mention {title!r}")
        anonymous = self.visitor.get(f"/en/reports/{pk}/pdf/")
        expect(
            anonymous.status == 404,
            f"an anonymous visitor got the unpublished PDF ({anonymous.status})",
        )
        from apps.reports.models import ProgressReport

        report = ProgressReport.objects.get(pk=pk)
        expect(report.dispatched_at is not None, "the report was never sent to the broker")
        self.report_path = report.pdf.name
        stored = Path(os.environ["PRIVATE_MEDIA_ROOT"]) / report.pdf.name
        expect(stored.is_file(), f"the PDF is not under PRIVATE_MEDIA_ROOT ({stored})")
        leaked = self.visitor.get(f"/media/{report.pdf.name}")
        expect(leaked.status == 404, f"/media/{report.pdf.name} answered {leaked.status}")
        worker_log = Path(self.args.worker_log).read_text(errors="replace")
        expect(
            re.search(r"build_report\[[^\]]+\] succeeded", worker_log),
            "the worker's log does not show build_report succeeding",
        )
        extra = " (pdftotext: mentions the commitment)" if text else ""
        return (
            f"report {pk} built by the worker in {waited:.1f} s; PDF {len(pdf.body)} bytes{extra}"
        )

    def check_mail(self):
        """A password reset is mailed through EMAIL_URL with an https link to the public host."""
        client = Client(self.visitor.address, self.host, self.args.client_ip)
        page = client.get("/en/accounts/password_reset/")
        expect(page.status == 200, f"/en/accounts/password_reset/ answered {page.status}")
        form = {"csrfmiddlewaretoken": csrf_token(page), "email": self.seed["email"]}
        reply = client.post("/en/accounts/password_reset/", form)
        expect(reply.status == 302, f"the reset form answered {reply.status}")
        folder = Path(self.args.mail_dir)
        deadline = time.monotonic() + 10
        while not list(folder.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.2)
        mails = sorted(folder.glob("*.eml"))
        expect(mails, "no e-mail reached the SMTP server named by EMAIL_URL")
        message = message_from_bytes(mails[-1].read_bytes(), policy=policy.default)
        expect(self.seed["email"] in str(message["To"]), f"mail to {message['To']}")
        body = message.get_body(("plain",)).get_content()
        link = re.search(r"(\S+/accounts/reset/\S+)", body)
        expect(link, "the reset e-mail has no link")
        expected = f"https://{self.host}/en/accounts/reset/"
        expect(link.group(1).startswith(expected), f"reset link {link.group(1)!r}")
        return f"reset e-mail via SMTP to {message['To']}, link {expected}…"

    def check_redis_split(self):
        """Cached pages live in CACHE_URL's database, Celery's queue in BROKER_URL's."""
        import redis

        cache = redis.Redis.from_url(os.environ["CACHE_URL"])
        broker = redis.Redis.from_url(os.environ["BROKER_URL"])
        cache_keys = [k.decode() for k in cache.scan_iter(count=1000)]
        broker_keys = [k.decode() for k in broker.scan_iter(count=1000)]
        expect(any(k.startswith("lc:") for k in cache_keys), "no page-cache key in CACHE_URL")
        expect(not any(k.startswith("lc:") for k in broker_keys), "page-cache keys in BROKER_URL")
        expect(any("kombu" in k for k in broker_keys), "no Celery (kombu) key in BROKER_URL")
        expect(not any("kombu" in k for k in cache_keys), "Celery keys in CACHE_URL")
        expect(
            any(k.startswith("celery-task-meta-") for k in broker_keys),
            "no task result in BROKER_URL (the result backend)",
        )
        counts = f"{len(cache_keys)} keys (lc:*) / {len(broker_keys)} keys (kombu, results)"
        return f"cache db / broker db: {counts}"

    ORDER = (
        ("ssl-redirect", "check_ssl_redirect"),
        ("healthz", "check_healthz"),
        ("pages", "check_pages"),
        ("static", "check_static"),
        ("media", "check_media"),
        ("client-address", "check_client_address"),
        ("sign-in", "check_sign_in"),
        ("report", "check_report"),
        ("mail", "check_mail"),
        ("redis-split", "check_redis_split"),
    )


def cmd_check(args):
    checks = Checks(args)
    only = set(args.only.split(",")) if args.only else None
    failures = 0
    for name, method in Checks.ORDER:
        if only and name not in only:
            continue
        started = time.monotonic()
        try:
            detail = getattr(checks, method)()
        except Failure as error:
            failures += 1
            print(f"  FAIL {name:<15} {error}", flush=True)
        except Exception as error:  # a crash in a check is a failure too, with its cause
            failures += 1
            print(f"  FAIL {name:<15} {error.__class__.__name__}: {error}", flush=True)
        else:
            print(f"  ok   {name:<15} {detail} [{time.monotonic() - started:.1f} s]", flush=True)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("compose")
    p.add_argument("--config", required=True, help="docker-compose config, as JSON")
    p.add_argument("--tmp", required=True)
    p.add_argument("--database-url", required=True)
    p.add_argument("--cache-url", required=True)
    p.add_argument("--broker-url", required=True)
    p.add_argument("--env-out", required=True)
    p.add_argument("--plan-out", required=True)
    p.set_defaults(run=cmd_compose)

    p = sub.add_parser("render-nginx")
    for name in ("conf", "tmp", "upstream", "listen", "media-root", "media-dir"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--port", required=True, type=int)
    p.add_argument("--gunicorn-port", required=True, type=int)
    p.set_defaults(run=cmd_render_nginx)

    sub.add_parser("free-port").set_defaults(run=cmd_free_port)

    p = sub.add_parser("smtp-sink")
    p.add_argument("--port", required=True, type=int)
    p.add_argument("--folder", required=True)
    p.set_defaults(run=cmd_smtp_sink)

    p = sub.add_parser("seed")
    p.add_argument("--out", required=True)
    p.set_defaults(run=cmd_seed)

    p = sub.add_parser("check")
    p.add_argument("--nginx", required=True, help="127.0.0.1:PORT")
    p.add_argument("--gunicorn", required=True, help="127.0.0.1:PORT")
    p.add_argument("--host", required=True, help="the public host name (Host header)")
    p.add_argument("--client-ip", default="127.0.0.9", help="the visitor's loopback address")
    p.add_argument("--seed", required=True)
    p.add_argument("--mail-dir", required=True)
    p.add_argument("--access-log", required=True)
    p.add_argument("--worker-log", required=True)
    p.add_argument("--report-timeout", type=float, default=90)
    p.add_argument("--only", default="", help="comma-separated check names")
    p.set_defaults(run=cmd_check)

    args = parser.parse_args()
    try:
        return args.run(args) or 0
    except Failure as error:
        print(f"smoke: {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
