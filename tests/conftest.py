import sys
from pathlib import Path

# The harness module lives beside the tests and is imported by name.
sys.path.insert(0, str(Path(__file__).parent))
