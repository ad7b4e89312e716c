"""Files on disk to image records: the walk, scans, header reads, decoding, natural order."""
