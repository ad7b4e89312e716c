"""The main window's controllers, each a plain class owning its state and given only what it uses
(ports.py declares the small interfaces: `Say`, `Commit`, `ImageView`):

- opening.py: listing the folder, the rescan and header reads in the background
- changes.py: committing store verbs, undo / redo
- image_work.py: the parts navigation and reviewing share (store, queue, canvas, list, view)
- navigation.py: D/A, Home/End, Ctrl+F, done on leaving, 0, E
- editing.py: drawing and editing boxes, classes, copy / paste
- reviewing.py: accepting and rejecting suggestions, unknown labels, image tags
- asking.py: asking the AI about the image on screen, the prompt dialog
- batch.py: batch runs and the provider Batch APIs (dialog, progress dock)
- spotcheck.py: spot-check mode (the window walks only the sample)
- training.py: training a local model (the Train dialog, Ctrl+T), using it, comparing it
- project.py: import, export, report, settings, help, about, opening another folder
"""
