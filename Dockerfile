# Two images (see README.md, "Docker" and "Teaching a class"):
#
#   gmmlab-lab         (the default target) Jupyter with the GoNB kernel,
#                      gmmlab and its notebooks, for one learner:
#       docker build -t gmmlab-lab .
#       docker run --init -p 8888:8888 -e JUPYTER_TOKEN=choose-a-secret gmmlab-lab
#
#   gmmlab-singleuser  the server each learner gets from a JupyterHub on
#                      Kubernetes (Zero to JupyterHub): user jovyan (uid 1000),
#                      the lessons copied into ~/gmmlab on first start, the
#                      shared Go build cache precompiled and read-only:
#       docker build --target singleuser -t gmmlab-singleuser .
#
# Every RUN is one script under docker/; `make lab`, `make hub` and `make test`
# run the same scripts, so CI proves these steps without Docker.
#
# Neither image holds a solution: both are made from the learner's tree that
# docker/learner-tree.sh writes in a build stage of its own (the lessons, the
# library, the learner versions of the exercises; no masters, hidden tests,
# reference values, grading or grading bundle), and only that tree is copied
# into them. make test-learner-tree checks the tree.

# ---- Debian's Jupyter, nbclient, numpy and scikit-learn: the lab's root steps
FROM golang:1.26-bookworm AS lab-base
COPY docker/env.sh docker/install-deps.sh docker/add-user.sh /tmp/gmmlab-setup/
RUN bash /tmp/gmmlab-setup/install-deps.sh lab

# ---- the learner's tree, made from the whole build context; the images take
# /usr/src/learner-tree only, never a layer of this stage.
FROM lab-base AS learner-tree
COPY . /usr/src/checkout
RUN bash /usr/src/checkout/docker/learner-tree.sh /usr/src/learner-tree

# ---- the single-user image for Zero to JupyterHub
FROM golang:1.26-bookworm AS singleuser

# Debian's Jupyter and JupyterHub 3 (for jupyterhub-singleuser): root steps.
COPY docker/env.sh docker/install-deps.sh docker/add-user.sh /tmp/gmmlab-setup/
RUN bash /tmp/gmmlab-setup/install-deps.sh singleuser
RUN bash /tmp/gmmlab-setup/add-user.sh jovyan

# The lab installed as the class hub installs it (docker/hub-install.sh):
# /opt/gmmlab-hub, owned by root, read-only for the learner.
WORKDIR /usr/src/gmmlab
COPY go.mod go.sum ./
COPY docker/ docker/
RUN bash docker/build-tools.sh
COPY --from=learner-tree /usr/src/learner-tree/ ./
RUN bash docker/register-kernel.sh && HUB_PREFIX=/opt/gmmlab-hub bash docker/hub-install.sh

# KubeSpawner starts the image's command, or singleuser.cmd: give it
# gmmlab-singleuser (it syncs ~/gmmlab, then runs jupyterhub-singleuser).
ENV PATH=/opt/gmmlab-hub/bin:$PATH
USER jovyan
WORKDIR /home/jovyan
EXPOSE 8888
CMD ["gmmlab-singleuser"]

# ---- the one-learner lab (the default target)
FROM lab-base AS lab
RUN bash /tmp/gmmlab-setup/add-user.sh

USER lab
WORKDIR /home/lab/gmmlab

# gonb and goimports depend only on go.mod: this layer survives code edits.
COPY --chown=lab:lab go.mod go.sum ./
COPY --chown=lab:lab docker/ docker/
RUN bash docker/build-tools.sh

COPY --chown=lab:lab --from=learner-tree /usr/src/learner-tree/ ./
RUN bash docker/register-kernel.sh
RUN bash docker/warm-cache.sh
RUN bash docker/prebuild-lessons.sh

# Inside the container Jupyter listens on all interfaces so the published port
# reaches it; the token is still required (lab.sh prints a random one when
# JUPYTER_TOKEN is not given). The learner's working copies of the lessons
# live in /home/lab/work: mount a volume there to keep them.
ENV LAB_IP=0.0.0.0 LAB_PORT=8888 LAB_WORKSPACE=/home/lab/work
EXPOSE 8888
CMD ["bash", "docker/lab.sh"]
