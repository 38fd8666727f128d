"""Related news: the links an editor places on a story ("شاهد ايضاً" inside it, the
"أخبار ذات صلة" block under it) and the block chosen for a story without picks.

models.py  RelatedLink and every rule of one link
block.py   the related-news block: the editor's picks, else stories of the same days
           sharing its tags or section; and the page keys that keep it fresh
forms.py   the story form's links table: a paragraph to follow, the rules among rows
admin.py   the inline on the story form
"""
