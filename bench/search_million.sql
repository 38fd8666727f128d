-- A million-story database for search's query plans in minutes, not the hour generate_content
-- takes: khabarayn_bench's 100,000 stories (and bylines) copied nine times into older years,
-- with their words and search vectors. Run on a copy of khabarayn_bench (docs/performance.md):
--   createdb -T khabarayn_bench khabarayn_search_1m && psql khabarayn_search_1m -f bench/search_million.sql
DROP INDEX IF EXISTS article_search_idx;
DO $$
DECLARE
  span interval;
  top bigint;
BEGIN
  SELECT max(published_at) - min(published_at) + interval '1 day', max(id) INTO span, top FROM articles_article;
  FOR k IN 1..9 LOOP
    INSERT INTO articles_article (id, title, slug, summary, body, status, published_at, created_at, updated_at,
        category_id, main_image_id, created_by_id, is_featured, is_lead, updated_by_id, version, search_text, search_vector)
      OVERRIDING SYSTEM VALUE
      SELECT id + k * 1000000, title, left(slug, 112) || '-c' || k, summary, body, status, published_at - k * span,
        created_at - k * span, updated_at - k * span, category_id, main_image_id, created_by_id, false, false,
        updated_by_id, gen_random_uuid(), search_text, search_vector
      FROM articles_article WHERE id <= top;
    INSERT INTO articles_article_authors (article_id, user_id)
      SELECT article_id + k * 1000000, user_id FROM articles_article_authors WHERE article_id <= top;
    RAISE NOTICE 'copy % done', k;
  END LOOP;
END $$;
SELECT setval(pg_get_serial_sequence('articles_article', 'id'), (SELECT max(id) FROM articles_article));
CREATE INDEX article_search_idx ON articles_article USING gin (search_vector);
VACUUM ANALYZE;
SELECT count(*), count(*) FILTER (WHERE status = 'published') FROM articles_article;
