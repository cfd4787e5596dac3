"""Routes of the reader web app: topics and editions."""

from django.urls import path

from newsdesk.web import editions, topics

urlpatterns = [
    path("topics/", topics.topics_page, name="topics"),
    path("topic/<slug:slug>/", topics.topic_page, name="topic"),
    path("topic/<slug:slug>/feed.xml", topics.TopicStoriesFeed(), name="topic-feed"),
    path("editions/", editions.editions_page, name="editions"),
    path("editions/choose/", editions.choose_edition, name="edition-choose"),
    path("editions/yours/", editions.your_edition, name="edition-yours"),
    path("edition/<str:code>/", editions.edition_page, name="edition"),
]
