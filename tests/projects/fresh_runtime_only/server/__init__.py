"""waitress: serve() hands globals() to a profiler, but only when it is called; importing the
package runs its imports, which the simulation follows."""
from server.core import create_server


def serve(app):
    if app is None:
        profile("create_server(app)", globals(), locals())
    return create_server(app)


def profile(cmd, namespace, local_namespace):
    import cProfile

    cProfile.runctx(cmd, namespace, local_namespace)
