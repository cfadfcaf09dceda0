import os
import tempfile

# The cache's secret goes to a folder of the test run's own, never the user's: set before
# artlint is imported, and inherited by the command-line runs the tests start.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="artlint-test-cache-home-")
