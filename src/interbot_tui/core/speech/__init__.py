"""Speech as text: transcripts, bias terms, delivery figures, end-pointing, sentences."""
