/** The GitHub Actions workflows a new site starts with: publish on push to main, check pull requests. */

/**
 * Builds on every push to main, every half hour (scheduled and expiring articles) and by hand, and
 * publishes `dist` with GitHub Pages. The build cache is kept between runs together with the key
 * file that signs it (used when the secret is not set).
 */
export const DEPLOY_WORKFLOW = `# Builds the site and publishes it with GitHub Pages on every push to main and every half hour.
# Once: in the repository's Settings > Pages, set "Source" to "GitHub Actions".
name: Deploy

on:
  push:
    branches: [main]
  # So scheduled and expiring articles go live (or come down) within half an hour of their time:
  # a build publishes what is due at its clock. Change the interval to suit the site.
  schedule:
    - cron: "*/30 * * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits rather than cancelling one under way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # Rendered articles (.cache) and the key that signs them (~/.cache/broadsheet): only what
      # changed since the last run is rendered again.
      - uses: actions/cache@v4
        with:
          path: |
            .cache
            ~/.cache/broadsheet
          key: broadsheet-\${{ runner.os }}-\${{ github.sha }}
          restore-keys: |
            broadsheet-\${{ runner.os }}-
      - run: npx broadsheet build
        env:
          # Set this repository secret (Settings > Secrets and variables > Actions) to a long random
          # value, e.g. the output of \`openssl rand -hex 32\`. Without it, the key file restored
          # with the cache is used.
          BROADSHEET_CACHE_KEY: \${{ secrets.BROADSHEET_CACHE_KEY }}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;

/** Checks every pull request and shows each problem on its line; no cache and no secrets, as the branch may be anyone's. */
export const CHECK_WORKFLOW = `# Checks every pull request: each problem is shown on its line in the pull request.
name: Check

on:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx broadsheet check --format github
`;
