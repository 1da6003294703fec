// Every article: laid out with layouts/article.hbs, at /articles/<file name>/ as on Broadsheet.
export default {
  layout: "article.hbs",
  permalink: (data) => `/articles/${data.page.fileSlug}/`,
};
