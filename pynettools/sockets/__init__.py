"""Socket tables: what the kernel has open, read through psutil and /proc."""
