# The portal's image: one image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
# Static files are collected at build time with throwaway settings (a build argument, never
# part of the running image); production sets its own.
ARG BUILD_ENV="SECRET_KEY=build-only-key-build-only-key-build-only-key-0123456789 ALLOWED_HOSTS=build EMAIL_URL=smtp://build"
RUN env $BUILD_ENV python manage.py compilemessages --ignore .venv -v0 \
 && env $BUILD_ENV python manage.py collectstatic --noinput -v0
RUN useradd --create-home portal && mkdir -p /app/media /app/private /app/var \
 && chown -R portal /app/media /app/private /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "learningcity.wsgi", "-c", "learningcity/gunicorn.py"]
