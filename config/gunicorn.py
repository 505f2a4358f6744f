"""gunicorn's settings, one place for the image, docker-compose and `make bench`.

Threaded workers: the app is served without a buffering proxy in front, and a sync worker
is held by any client that connects and is slow to send (a phone on a poor signal, or a
person whose browser opens the connection before the click), while a threaded one keeps
serving others. Two processes of four threads each; the command line can override any of
these (`make bench` binds to a free loopback port).
"""

bind = "0.0.0.0:8000"
workers = 2
worker_class = "gthread"
threads = 4
keepalive = 5  # seconds an idle browser connection is kept for its next page
accesslog = "-"
