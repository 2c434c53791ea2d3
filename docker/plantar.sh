#!/bin/sh
# The `plantar` command inside the image: `docker compose exec gateway plantar devices list --data-dir /var/lib/plantar`.
# JAVA_OPTS passes JVM flags (heap size, -Dorg.sqlite.tmpdir=...).
exec java ${JAVA_OPTS:-} -jar /opt/plantar/plantar.jar "$@"
