"""Back-ends: one small interface per capability, a real implementation and a fake.

Heavy libraries are imported only when a back-end is created, never at import time.
"""
