# Image of the web app and the Celery workers (docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY registry registry
COPY harvesters harvesters
COPY workers workers
COPY ontology ontology
COPY shapes shapes
COPY templates templates
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
 && pip install --no-cache-dir .
EXPOSE 8000
CMD ["mlfdo", "serve", "--host", "0.0.0.0", "--port", "8000"]
