"""The file to give spark-submit: it runs ``dragoman code --engine spark`` with its arguments.

::

    SUBMIT=$(python -c 'import dragoman.engines.submit as m; print(m.__file__)')
    spark-submit --master yarn ... "$SUBMIT" hdfs:///news/2024-05-01/ --out hdfs:///events/2024-05-01/

The master and the executors' resources come from spark-submit; see docs/SCALING.md.
"""

from __future__ import annotations

import sys

from dragoman.cli import main

if __name__ == "__main__":
    sys.exit(main(["code", "--engine", "spark", *sys.argv[1:]]))
