"""Photos: the Image model and everything around it, one module per concern.

- models: Image (the file, its description and credit, what pages need of its
  renditions), its upload path and the deletion of its files;
- uploads: what an uploaded file must be, and how it is cleaned before it is stored;
- renditions: the sizes and formats readers download instead of the original, made when
  a photo is saved, and what of them is stored on its row;
- forms: the upload field and the forms that take a photo in;
- views: the body editor's inline upload;
- admin: the newsroom's photo library (registered by articles/admin.py).

Image is a model of the `articles` app (articles/models.py imports it): its table, its
migrations and its permissions are the app's.
"""
