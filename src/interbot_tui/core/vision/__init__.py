"""Expression readings from the camera, reduced to what is kept and reported."""
