"""Broken: clicks are written to the database only once a minute and not when the service
is stopped, so the clicks counted in memory are lost at a restart.

Fails the stage `restart`.
"""

import sys
import threading
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.FLUSH_SECONDS = 60


@asynccontextmanager
async def lifespan_without_flush(fastapi_app):
    store = app.LinkStore(app.database_path())
    stop = threading.Event()
    threading.Thread(target=app.flush_forever, args=(store, stop), daemon=True).start()
    fastapi_app.state.store = store
    yield
    stop.set()  # and no store.flush(): what is in memory is lost


app.app.router.lifespan_context = lifespan_without_flush

if __name__ == "__main__":
    app.main()
