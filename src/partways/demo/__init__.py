"""A realistic, deterministic demo agency: see :func:`partways.demo.generator.build_demo`."""
