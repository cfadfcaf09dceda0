import atexit
import os
import shutil
import tempfile

# The cache's secret goes to a folder of the test run's own, never the user's: set before
# artlint is imported, and inherited by the command-line runs the tests start. Removed at
# exit: every run (and every test worker) makes one.
_CACHE_HOME = tempfile.mkdtemp(prefix="artlint-test-cache-home-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
