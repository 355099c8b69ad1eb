# Phare default theme — English UI strings.
# Every text shown by the templates comes from this file.

## Language and site

language-name = English
site-title = Help Center
# Browser tab title of inner pages: "Reset your password – Help Center".
document-title = { $page } – { $site }

## Header, footer and navigation

skip-to-content = Skip to main content
language-switch-label = Language
breadcrumbs-label = Breadcrumb
sidebar-title = Help topics
sidebar-toggle = Browse help topics
sidebar-all-topics = All help topics
sidebar-window = Articles { $from }–{ $to } of { $total }
sidebar-see-all = See them all
footer-back-to-top = Back to top
footer-home = Help center home
footer-powered = Built with Phare
# At the foot of a printed page; the address and the date are filled in when printing.
print-source = Printed from { $address } on { $date }

## Home page

home-intro = Find answers to common questions and step-by-step instructions.
home-other-articles = More articles
home-popular-title = Popular articles
home-topics-title = Browse by topic

## Category page

category-article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
category-see-all =
    { $count ->
        [one] See the article in this topic
       *[other] See all { $count } articles in this topic
    }
category-articles-title = Articles in this topic
category-empty = There are no articles in this topic yet.

## Article page

updated-on = Updated { $date }
children-title = In this section
toc-title = On this page
tags-label = Tags
pager-label = Previous and next articles
pager-previous = Previous
pager-next = Next

## Alerts (GitHub-style callouts in content)

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution

## Components (shortcodes in content)

alert-info = Info
alert-success = Success
alert-error = Error
alert-emergency = Emergency
# Between an alert's label and its title: "Warning: Keep your codes safe".
alert-label-separator = :
# Summary of a collapsible section whose author gave no title.
details-summary = Details
# Small label above each step of a numbered procedure.
step-of = Step { $index } of { $count }
# Accessible name of the row of tabs.
tabs-label = Options
# Link to external content (videos and other media); $host is e.g. youtu.be.
embed-open = Open on { $host }
# $name is the file name, e.g. slides.pdf.
file-download = Download { $name }

## Page not found

not-found-title = Page not found
not-found-text = The page you are looking for may have been moved or deleted, or the address may be incorrect.
not-found-check = If you typed the address, check that it is spelled correctly.
not-found-home = Go to the help center home page

## Bilingual landing page (each language's own words, shown side by side)

landing-welcome = Find answers and step-by-step help in English.
landing-enter = Continue in English

## Translations

# The name of a language, in English.
language-called =
    { $code ->
        [en] English
        [fr] French
       *[other] { $code }
    }
fallback-notice = This page has not been translated into English yet: it is shown below in { $language }.
fallback-original = Original page ({ $language })
# Beside a language in the language switch, in that language.
switch-not-translated = (not translated yet)
switch-to-topic = (topic page)
switch-to-home = (home page)

## Help desk (organisation, contact, feedback: `site.yaml`)

contact-title = Still need help?
contact-phone = Call us:
contact-page = Contact us
feedback-question = Was this page helpful?
feedback-link = Tell us
edit-page = Edit this page

## Old addresses

redirect-title = This page has moved
redirect-link = Go to its new address

## Preview (phare serve)

overlay-title = The site could not be rebuilt
overlay-hint = The last version that worked is shown underneath. Fix the problems below and save: this page reloads by itself.
overlay-first-title = The site could not be built
overlay-first-hint = Nothing can be shown until these problems are fixed. Fix them and save: this page reloads by itself.
preview-warnings-page = { $count ->
    [one] 1 warning on this page
   *[other] { $count } warnings on this page
}
preview-warnings-site = { $count ->
    [one] 1 warning in the site
   *[other] { $count } warnings in the site
}
preview-warnings-elsewhere = Elsewhere in the site
outdated-notice =
    The { $code ->
        [en] English
        [fr] French
       *[other] original
    } version of this page was updated on { $date }; this translation may not reflect those changes yet.
outdated-source-link =
    Read the { $code ->
        [en] English
        [fr] French
       *[other] original
    } version


## Search (the field in the header and the results page)

search-label = Search the help center
search-submit = Search
search-title = Search
# Read out after each search, and shown above the results.
search-count =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
# $query is what the reader typed.
search-none = No results for “{ $query }”.
# When the reader's language has nothing but another language has pages.
# $language is the name of a language in this language, from language-called.
search-none-in = No results in { $language }.
search-count-in =
    { $count ->
        [one] { $count } result in { $language }:
       *[other] { $count } results in { $language }:
    }
search-more = More results
search-searching = Searching…
search-failed = Search could not be loaded. Check your connection and try again.
search-needs-javascript = Search needs JavaScript, which is turned off or not available in this browser.
search-browse-topics = You can browse the help topics instead:
search-keyboard-hint = Results appear as you type. Use the arrow keys to move through them.
