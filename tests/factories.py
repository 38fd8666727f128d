from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Image, RelatedLink
from categories.models import Category


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "سارة"
    last_name = factory.Sequence(lambda n: f"المحررة {n}")
    password = factory.django.Password("a-long-test-password")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"قسم {n}")
    show_in_navigation = True
    navigation_order = factory.Sequence(lambda n: n)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.django.ImageField(width=800, height=450, color="teal", format="JPEG")
    alt_text = "وزير الخارجية والمبعوث الدولي يتبادلان التحيات في باريس"
    caption = "التقى المبعوث بالمستشار الرئاسي في قصر الإليزيه يوم الخميس."
    credit = "لودوفيك مارين/رويترز"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"قمة باريس لتعزيز الدفاعات رقم {n}")
    summary = "وزير الخارجية يلتقي المسؤولين في باريس لتعزيز الدفاعات وسط تصاعد الضغوط."
    body = (
        "<h2>اجتماع الوزراء في باريس</h2><p>الفقرة الأولى عن القمة.</p>"
        "<h2>تحديات إنهاء الحرب</h2><p>الفقرة الثانية عن الهدنة.</p>"
        "<h2>أهمية القمة</h2><p>الفقرة الثالثة عن التحالف.</p><p>الفقرة الرابعة والأخيرة.</p>"
    )
    main_image = factory.SubFactory(ImageFactory)
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    kind = RelatedLink.Kind.RELATED
    target_article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
