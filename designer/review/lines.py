"""Line numbers of many JSON paths in one pass (lives in the model: ``designer.model.jsonlocate``)."""

from designer.model.jsonlocate import locate_all

__all__ = ["locate_all"]
