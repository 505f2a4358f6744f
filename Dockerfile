# The app image: web (gunicorn), worker and beat all run from it.
FROM python:3.12-slim

ENV DEBUG=false \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir --require-hashes -r requirements.txt

COPY . .
# Static files are collected at build time with throwaway settings; WhiteNoise serves them.
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --no-input \
 && useradd --create-home --uid 10001 cip \
 && mkdir -p /app/var && chown -R cip /app/var

USER cip
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
