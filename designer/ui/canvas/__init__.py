"""The design canvas: scene, widget items, painters, interactions and the device frame."""
