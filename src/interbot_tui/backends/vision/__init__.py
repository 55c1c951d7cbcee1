"""The camera, the face detector and the expression classifier."""
