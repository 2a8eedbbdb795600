"""`python -m arrpy` runs the benchmark ladder."""

from .bench import main

main()
