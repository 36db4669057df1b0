# gmmlab lab image: Jupyter with the GoNB kernel, gmmlab and its notebooks,
# for hosted exercises. Build and run (see README.md, "Docker"):
#
#   docker build -t gmmlab-lab .
#   docker run --init -p 8888:8888 -e JUPYTER_TOKEN=choose-a-secret gmmlab-lab
#
# Every RUN is one script under docker/; `make lab` and `make test` run the
# same scripts (all but add-user.sh), so CI proves these steps without Docker.
FROM golang:1.26-bookworm

# Debian's Jupyter, nbclient, numpy and scikit-learn: the only root steps.
COPY docker/env.sh docker/install-deps.sh docker/add-user.sh /tmp/gmmlab-setup/
RUN bash /tmp/gmmlab-setup/install-deps.sh
RUN bash /tmp/gmmlab-setup/add-user.sh

USER lab
WORKDIR /home/lab/gmmlab

# gonb and goimports depend only on go.mod: this layer survives code edits.
COPY --chown=lab:lab go.mod go.sum ./
COPY --chown=lab:lab docker/ docker/
RUN bash docker/build-tools.sh

COPY --chown=lab:lab . .
RUN bash docker/register-kernel.sh
RUN bash docker/warm-cache.sh

# Inside the container Jupyter listens on all interfaces so the published port
# reaches it; the token is still required (lab.sh prints a random one when
# JUPYTER_TOKEN is not given).
ENV LAB_IP=0.0.0.0 LAB_PORT=8888
EXPOSE 8888
CMD ["bash", "docker/lab.sh"]
