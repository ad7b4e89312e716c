"""Training a small local model from the reviewed labels, with Ultralytics in its own environment.

    env.py      the training environment (a venv made with pip), its status
    worker.py   the script that runs inside it (imports ultralytics; never imported by the app)
    split.py    the held train/val split, as a pure function
    dataset.py  what a training trains on, and its export
    job.py      one training: request, plan, worker process, run record, model registration
    records.py  train runs, and which of them were interrupted

Qt-free: the GUI runs `job.run_training` on a worker thread.
"""
