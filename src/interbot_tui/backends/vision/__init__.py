"""The camera and facial expressions. `base.py`: the interfaces (`CameraSource`, `FaceDetector`,
`ExpressionClassifier`, `FrameReader`). Real ones: `camera.py` (OpenCV capture thread),
`face_detector.py` (Haar cascade), `expression_onnx.py` (mini-XCEPTION on onnxruntime) and
`reader.py` (faces to a `Reading`); `factory.py` picks and loads the models; `support.py` imports
the heavy libraries. Fakes: `tests/fakes/vision.py`."""
