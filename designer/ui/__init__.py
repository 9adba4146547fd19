"""The Qt designer. The only package of Fieldcraft that imports Qt."""
