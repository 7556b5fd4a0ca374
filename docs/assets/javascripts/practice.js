/* Practice mode: drill, exam and review over the question bank of the site.
 *
 * The practice page lists every question with its answer (overrides/hooks/practice_page.py):
 * an H2 per section, an H3 per page, one <details class="question" id="q-..."> per question.
 * That is what a reader without JavaScript reads. This script reads which questions exist
 * from that list and runs the modes in #practice-app; practice.css hides the list and shows
 * the app before the first paint when JavaScript runs, so nothing moves when this starts.
 * What a mode needs to ask and explain a question (options, explanations, why, source) comes from one small script per
 * question (assets/practice/<id>.<version>.js; #practice-app's data-bank gives the folder and
 * the version), loaded a few questions before a session asks it, so a 20-question exam loads
 * at most 20 of them: a script loads from file://, where a fetch would not.
 *
 * Progress stays on the device: one localStorage entry, which the reader can export to a file,
 * import from one (checked before anything is replaced) and reset. A question's record is kept
 * under its id, which never changes, so progress survives edits to the site. A right answer
 * moves a question up one box and makes it due after that box's interval; a wrong one puts it
 * back in the first box, due at once (a Leitner schedule).
 */
(function () {
  "use strict";

  var STORE = "aws-practice-notes/practice";
  var FORMAT = "aws-practice-notes/progress";
  var VERSION = 1;
  var INTERVALS = [0, 1, 2, 4, 8, 16, 32]; // days before a question in box i is due again
  var HISTORY = 50; // sessions kept
  var QUESTION_ID = /^q-[a-z0-9]+(-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  var app = document.getElementById("practice-app");
  if (!app) return;
  var article = app.closest("article") || document.body;

  // ----- the bank, read from the page ------------------------------------------------------
  function text(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (node) { node.remove(); });
    return copy.textContent.trim();
  }

  // The questions the page lists, by section and page (what they ask comes later: loadQuestions()).
  function readBank() {
    var sections = [], questions = [], section = null, page = null;
    article.querySelectorAll("h2[data-section], h3[data-page], details.question[id]").forEach(function (node) {
      if (node.matches("h2")) {
        section = { key: node.dataset.section, title: text(node), pages: [] };
        sections.push(section);
      } else if (node.matches("h3")) {
        page = { key: node.dataset.page, title: text(node), questions: [] };
        section.pages.push(page);
      } else {
        var question = { id: node.id, stem: text(node.querySelector("summary")), section: section, page: page };
        page.questions.push(question);
        questions.push(question);
      }
    });
    return { sections: sections, questions: questions };
  }

  // Loads a question's script once, then fills the question in; a failed load can be retried.
  var source = JSON.parse(app.dataset.bank || "{}");
  function loadQuestion(question) {
    if (!question.loading) {
      question.loading = new Promise(function (resolve, reject) {
        var script = element("script", { src: source.base + question.id + "." + source.version + ".js" });
        script.onload = function () {
          var data = window.practiceBank && window.practiceBank[question.id];
          if (!data) return script.onerror();
          question.choose = data.choose;
          question.options = data.options.map(function (option) {
            return { html: option[0], right: option[1] === 1, why: option[2] };
          });
          question.why = data.why;
          question.source = data.source;
          resolve();
        };
        script.onerror = function () { question.loading = null; reject(question); };
        document.head.append(script);
      });
    }
    return question.loading;
  }

  // Question `index` of the session, ready to ask; the next few start loading meanwhile.
  var AHEAD = 3;
  function ready(index) {
    session.questions.slice(index + 1, index + 1 + AHEAD).forEach(function (question) {
      loadQuestion(question).catch(function () { /* said when the reader reaches it */ });
    });
    return loadQuestion(session.questions[index]);
  }

  function loadFailed(question) {
    if (session) clearInterval(session.timer);
    session = null;
    var message = "A question of " + question.section.title + " › " + question.page.title +
      " could not be loaded. Reload the page and try again.";
    show(setupView(message));
    announce(message);
  }

  // ----- progress -------------------------------------------------------------------------
  function today(offsetDays) {
    var date = new Date();
    date.setDate(date.getDate() + (offsetDays || 0));
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  function emptyProgress() {
    return { format: FORMAT, version: VERSION, questions: {}, sessions: [] };
  }

  function isCount(value) { return Number.isInteger(value) && value >= 0; }

  // Why a parsed file is not this site's progress, or "" when it is.
  function problemOf(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return "it holds no progress record";
    if (data.format !== FORMAT) return "it is not a progress file of AWS Practice Notes";
    if (!Number.isInteger(data.version) || data.version < 1 || data.version > VERSION) {
      return "its version (" + data.version + ") is not one this page reads";
    }
    if (!data.questions || typeof data.questions !== "object" || Array.isArray(data.questions)) {
      return "it has no questions";
    }
    for (var id in data.questions) {
      var record = data.questions[id];
      if (!QUESTION_ID.test(id)) return "'" + id + "' is not a question id";
      if (!record || !isCount(record.box) || record.box >= INTERVALS.length || !DATE.test(record.due) ||
          !isCount(record.right) || !isCount(record.wrong) || (record.last !== "right" && record.last !== "wrong")) {
        return "the record of " + id + " is damaged";
      }
    }
    if (!Array.isArray(data.sessions)) return "it has no list of sessions";
    return "";
  }

  var storageWorks = true;
  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(STORE) || "null");
      return stored && !problemOf(stored) ? stored : emptyProgress();
    } catch (error) {
      storageWorks = false;
      return emptyProgress();
    }
  }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify(progress));
    } catch (error) {
      storageWorks = false;
    }
  }

  function record(question, right) {
    var entry = progress.questions[question.id] || { box: 0, due: today(), right: 0, wrong: 0, last: "wrong" };
    entry.box = right ? Math.min(entry.box + 1, INTERVALS.length - 1) : 0;
    entry.due = today(INTERVALS[entry.box]);
    entry[right ? "right" : "wrong"] += 1;
    entry.last = right ? "right" : "wrong";
    progress.questions[question.id] = entry;
    save();
  }

  function isDue(question) {
    var entry = progress.questions[question.id];
    return Boolean(entry) && (entry.last === "wrong" || entry.due <= today());
  }

  // ----- small DOM helpers ----------------------------------------------------------------
  function element(tag, attributes, html) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function escape(value) {
    return String(value).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function announce(message) {
    live.textContent = "";
    // A change after an empty frame is announced even when the message repeats.
    requestAnimationFrame(function () { live.textContent = message; });
  }

  function show(view) {
    app.replaceChildren(view, live);
    var focus = view.querySelector("[data-focus]");
    if (focus) focus.focus();
  }

  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  function percent(right, total) { return total ? Math.round((100 * right) / total) + "%" : "-"; }

  // ----- setup: topics, mode, progress -----------------------------------------------------
  var chosenPages = null; // keys of the pages picked last (all at first)

  function setupView(message) {
    var form = element("form", { class: "practice__setup", "aria-labelledby": "practice-setup-title" });
    var html = '<h2 id="practice-setup-title" tabindex="-1" data-focus>Start a practice session</h2>' +
      '<fieldset class="practice__topics"><legend>Topics</legend>';
    bank.sections.forEach(function (section) {
      var count = section.pages.reduce(function (sum, page) { return sum + page.questions.length; }, 0);
      html += '<fieldset class="practice__section"><legend><label><input type="checkbox" data-section="' +
        escape(section.key) + '"> ' + escape(section.title) + " (" + count + ")</label></legend><ul>";
      section.pages.forEach(function (page) {
        var checked = !chosenPages || chosenPages.indexOf(page.key) !== -1 ? " checked" : "";
        html += '<li><label><input type="checkbox" name="page" value="' + escape(page.key) + '"' + checked +
          "> " + escape(page.title) + " (" + page.questions.length + ")</label></li>";
      });
      html += "</ul></fieldset>";
    });
    var due = bank.questions.filter(isDue).length;
    html += '</fieldset><fieldset class="practice__modes"><legend>Mode</legend>' +
      '<label><input type="radio" name="mode" value="drill" checked> Drill: one question at a time, answer after each</label>' +
      '<label><input type="radio" name="mode" value="exam"> Exam: a set of questions, score at the end</label>' +
      '<label><input type="radio" name="mode" value="review"> Review: wrong or due again (' + due + " now)</label>" +
      '</fieldset><p class="practice__numbers"><label>Questions in an exam <input type="number" name="count" min="1" max="' +
      bank.questions.length + '" value="' + Math.min(20, bank.questions.length) + '"></label> ' +
      '<label>Time limit, minutes (0 for none) <input type="number" name="minutes" min="0" max="300" value="0"></label></p>' +
      '<p><button type="submit" class="practice__primary">Start</button></p>' +
      '<p class="practice__status" data-status>' + escape(message || "") + "</p>";
    form.innerHTML = html;
    form.querySelectorAll("input[data-section]").forEach(syncSectionBox);
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.matches("input[data-section]")) {
        box.closest("fieldset").querySelectorAll("input[name=page]").forEach(function (page) { page.checked = box.checked; });
      } else if (box.name === "page") {
        syncSectionBox(box.closest("fieldset").querySelector("input[data-section]"));
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      start(form);
    });
    var view = element("div");
    view.append(form, progressView());
    return view;
  }

  function syncSectionBox(box) {
    var pages = Array.prototype.slice.call(box.closest("fieldset").querySelectorAll("input[name=page]"));
    var checked = pages.filter(function (page) { return page.checked; }).length;
    box.checked = checked === pages.length;
    box.indeterminate = checked > 0 && checked < pages.length;
  }

  function start(form) {
    var pages = Array.prototype.map.call(form.querySelectorAll("input[name=page]:checked"), function (box) { return box.value; });
    var mode = form.elements.mode.value;
    var pool = bank.questions.filter(function (question) { return pages.indexOf(question.page.key) !== -1; });
    var status = form.querySelector("[data-status]");
    chosenPages = pages;
    if (mode === "review") pool = pool.filter(isDue);
    if (!pool.length) {
      status.textContent = mode === "review" ? "Nothing to review in these topics: no question was answered wrong or is due."
        : "Pick at least one page.";
      announce(status.textContent);
      return;
    }
    var count = mode === "exam" ? Math.max(1, Math.min(Number(form.elements.count.value) || 20, pool.length)) : pool.length;
    var minutes = mode === "exam" ? Math.max(0, Number(form.elements.minutes.value) || 0) : 0;
    session = {
      mode: mode,
      questions: shuffled(pool).slice(0, count),
      index: 0,
      answers: [],
      deadline: minutes ? Date.now() + minutes * 60000 : 0
    };
    var starting = session;
    status.textContent = "Loading the questions…";
    ready(0).then(function () {
      if (session !== starting) return;
      if (session.deadline) session.timer = setInterval(tick, 1000);
      questionView();
    }, function (question) {
      if (session === starting) loadFailed(question);
    });
  }

  // ----- one question ----------------------------------------------------------------------
  var session = null;

  function questionView() {
    var question = session.questions[session.index];
    var multiple = question.choose > 1;
    var form = element("form", { class: "practice__question", "data-question": question.id });
    var html = '<p class="practice__meta">Question ' + (session.index + 1) + " of " + session.questions.length +
      " · " + escape(question.section.title) + " › " + escape(question.page.title) +
      ' <span class="practice__timer" data-timer></span></p><fieldset><legend tabindex="-1" data-focus>' +
      escape(question.stem) + "</legend><ol class=\"practice__options\">";
    question.options.forEach(function (option, index) {
      html += '<li data-option="' + index + '"><label><input type="' + (multiple ? "checkbox" : "radio") +
        '" name="answer" value="' + index + '"> <kbd>' + (index + 1) + "</kbd> " + option.html + "</label>" +
        '<p class="practice__why" hidden>' + option.why + "</p></li>";
    });
    var last = session.index === session.questions.length - 1;
    html += '</ol></fieldset><div class="practice__feedback" data-feedback hidden></div><p>' +
      '<button type="submit" class="practice__primary" data-submit>' +
      (session.mode === "exam" ? (last ? "Finish the exam" : "Next question") : "Check the answer") + "</button> " +
      '<button type="button" data-end>End the session</button></p>';
    form.innerHTML = html;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.dataset.answered) return next();
      answer(form, question);
    });
    form.querySelector("[data-end]").addEventListener("click", finish);
    show(form);
    tick();
  }

  function chosen(form) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=answer]:checked"), function (box) {
      return Number(box.value);
    });
  }

  function isRight(question, picks) {
    var right = question.options.map(function (option, index) { return option.right ? index : -1; })
      .filter(function (index) { return index !== -1; });
    return picks.length === right.length && right.every(function (index) { return picks.indexOf(index) !== -1; });
  }

  function answer(form, question) {
    var picks = chosen(form);
    var status = form.querySelector("[data-feedback]");
    if (picks.length !== question.choose) {
      status.hidden = false;
      status.innerHTML = "<p>Choose " + (question.choose === 1 ? "one option" : question.choose + " options") + " first.</p>";
      announce(status.textContent);
      return;
    }
    var right = isRight(question, picks);
    session.answers.push({ question: question, picks: picks, right: right });
    record(question, right);
    if (session.mode === "exam") return next();
    form.dataset.answered = "true";
    reveal(form, question, picks, right);
    var submit = form.querySelector("[data-submit]");
    submit.textContent = session.index === session.questions.length - 1 ? "See the results" : "Next question";
    submit.focus();
  }

  function verdictHtml(question, right) {
    var answers = question.options.filter(function (option) { return option.right; })
      .map(function (option) { return option.html; }).join("; ");
    return (right ? "<p><strong>Right.</strong></p>" : "<p><strong>Wrong.</strong> The answer: " + answers + "</p>") +
      "<p>" + question.why + "</p><p>" + question.source + "</p>";
  }

  // Marks every option right or wrong, shows its explanation, says why and where to read.
  function reveal(container, question, picks, right) {
    container.querySelectorAll("[data-option]").forEach(function (item) {
      var index = Number(item.dataset.option);
      var option = question.options[index];
      item.classList.add(option.right ? "practice__option--right" : "practice__option--wrong");
      if (picks.indexOf(index) !== -1) item.classList.add("practice__option--picked");
      item.querySelector(".practice__why").hidden = false;
      item.querySelector(".practice__why").insertAdjacentHTML("afterbegin",
        "<strong>" + (option.right ? "Right answer" : "Wrong answer") + (picks.indexOf(index) !== -1 ? ", your choice" : "") +
        ":</strong> ");
      item.querySelectorAll("input").forEach(function (box) { box.disabled = true; });
    });
    var feedback = container.querySelector("[data-feedback]");
    feedback.hidden = false;
    feedback.innerHTML = verdictHtml(question, right);
    announce(right ? "Right." : "Wrong. " + feedback.querySelector("p").textContent.replace(/^Wrong\.\s*/, ""));
  }

  function next() {
    session.index += 1;
    if (session.index >= session.questions.length) return finish();
    var current = session;
    ready(session.index).then(function () {
      if (session === current) questionView();
    }, function (question) {
      if (session === current) loadFailed(question);
    });
  }

  function tick() {
    if (!session || !session.deadline) return;
    var left = Math.max(0, session.deadline - Date.now());
    var shown = app.querySelector("[data-timer]");
    if (shown) shown.textContent = "· " + Math.floor(left / 60000) + ":" + String(Math.floor(left / 1000) % 60).padStart(2, "0") + " left";
    if (!left) finish();
  }

  // ----- results ---------------------------------------------------------------------------
  function finish() {
    if (!session) return;
    clearInterval(session.timer);
    var done = session;
    session = null;
    if (!done.answers.length) {
      show(setupView("Session ended before any answer."));
      return;
    }
    var sections = {};
    done.answers.forEach(function (entry) {
      var score = sections[entry.question.section.key] || (sections[entry.question.section.key] = [0, 0]);
      score[0] += entry.right ? 1 : 0;
      score[1] += 1;
    });
    var right = done.answers.filter(function (entry) { return entry.right; }).length;
    var total = done.mode === "exam" ? done.questions.length : done.answers.length;
    progress.sessions.push({ at: new Date().toISOString(), mode: done.mode, right: right, total: total, sections: sections });
    progress.sessions = progress.sessions.slice(-HISTORY);
    save();
    show(resultsView(done, right, total, sections));
    announce((done.mode === "exam" ? "Exam finished: " : "Session finished: ") + right + " of " + total + " right.");
  }

  function titleOf(key) {
    var section = bank.sections.filter(function (candidate) { return candidate.key === key; })[0];
    return section ? section.title : key;
  }

  function resultsView(done, right, total, sections) {
    var view = element("section", { class: "practice__results", "aria-labelledby": "practice-results-title" });
    var html = '<h2 id="practice-results-title" tabindex="-1" data-focus>Score: ' + right + " of " + total +
      " (" + percent(right, total) + ")</h2>" + '<table><thead><tr><th scope="col">Section</th><th scope="col">Right</th>' +
      '<th scope="col">Score</th></tr></thead><tbody>';
    Object.keys(sections).forEach(function (key) {
      html += "<tr><td>" + escape(titleOf(key)) + "</td><td>" + sections[key][0] + " of " + sections[key][1] +
        "</td><td>" + percent(sections[key][0], sections[key][1]) + "</td></tr>";
    });
    html += "</tbody></table>";
    if (total > done.answers.length) html += "<p>" + (total - done.answers.length) + " question(s) not answered count as wrong.</p>";
    html += '<p><button type="button" class="practice__primary" data-again>Practise again</button></p><ol class="practice__review">';
    done.answers.forEach(function (entry) {
      html += '<li data-question="' + entry.question.id + '"><p class="practice__stem">' + escape(entry.question.stem) +
        '</p><ol class="practice__options">' + entry.question.options.map(function (option, index) {
          return '<li data-option="' + index + '"><label><input type="' + (entry.question.choose > 1 ? "checkbox" : "radio") +
            '"' + (entry.picks.indexOf(index) !== -1 ? " checked" : "") + "> " + option.html + '</label><p class="practice__why" hidden>' +
            option.why + "</p></li>";
        }).join("") + '</ol><div class="practice__feedback" data-feedback hidden></div></li>';
    });
    view.innerHTML = html + "</ol>";
    view.querySelectorAll(".practice__review > li").forEach(function (item, index) {
      var entry = done.answers[index];
      reveal(item, entry.question, entry.picks, entry.right);
    });
    view.querySelector("[data-again]").addEventListener("click", function () { show(setupView()); });
    return view;
  }

  // ----- progress: shown, exported, imported, reset -----------------------------------------
  function progressView() {
    var view = element("section", { class: "practice__progress", "aria-labelledby": "practice-progress-title" });
    var html = '<h2 id="practice-progress-title">Your progress</h2>';
    if (!storageWorks) html += "<p>This browser does not let the page keep your progress: it lasts until you leave.</p>";
    html += '<table><thead><tr><th scope="col">Section</th><th scope="col">Answered</th><th scope="col">Right last time</th>' +
      '<th scope="col">Due now</th></tr></thead><tbody>';
    bank.sections.forEach(function (section) {
      var questions = [];
      section.pages.forEach(function (page) { questions = questions.concat(page.questions); });
      var seen = questions.filter(function (question) { return progress.questions[question.id]; });
      var right = seen.filter(function (question) { return progress.questions[question.id].last === "right"; });
      html += "<tr><td>" + escape(section.title) + "</td><td>" + seen.length + " of " + questions.length + "</td><td>" +
        percent(right.length, seen.length) + "</td><td>" + questions.filter(isDue).length + "</td></tr>";
    });
    html += "</tbody></table>";
    var recent = progress.sessions.slice(-5).reverse();
    if (recent.length) {
      html += "<h3>Last sessions</h3><ul>" + recent.map(function (entry) {
        return "<li>" + escape(entry.at.slice(0, 10)) + ", " + escape(entry.mode) + ": " + entry.right + " of " + entry.total +
          " (" + Object.keys(entry.sections || {}).map(function (key) {
            return escape(titleOf(key)) + " " + entry.sections[key][0] + "/" + entry.sections[key][1];
          }).join(", ") + ")</li>";
      }).join("") + "</ul>";
    }
    html += '<p class="practice__files"><button type="button" data-export>Export progress</button> ' +
      '<label class="practice__button" for="practice-import">Import progress</label>' +
      '<input type="file" id="practice-import" class="visually-hidden" accept=".json,application/json" data-import> ' +
      '<button type="button" data-reset>Reset progress</button></p>' +
      '<p class="practice__confirm" data-confirm hidden>Delete all practice progress kept in this browser? ' +
      '<button type="button" data-reset-yes>Delete it</button> ' +
      '<button type="button" data-reset-no>Keep it</button></p>' +
      '<p class="practice__status" data-file-status></p>';
    view.innerHTML = html;
    var status = view.querySelector("[data-file-status]");
    var confirm = view.querySelector("[data-confirm]");
    view.querySelector("[data-export]").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(progress, null, 2) + "\n"], { type: "application/json" });
      var link = element("a", { href: URL.createObjectURL(blob), download: "aws-practice-notes-progress-" + today() + ".json" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    });
    view.querySelector("[data-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      file.text().then(function (content) {
        var data;
        try {
          data = JSON.parse(content);
        } catch (error) {
          return refuse("it is not a JSON file");
        }
        var problem = problemOf(data);
        if (problem) return refuse(problem);
        progress = data;
        save();
        show(setupView("Imported the progress of " + Object.keys(data.questions).length + " question(s) from " + file.name + "."));
        announce(app.querySelector("[data-status]").textContent);
      });
      event.target.value = "";
    });
    function refuse(problem) {
      status.textContent = "Not imported: " + problem + ". Your progress is unchanged.";
      status.setAttribute("role", "alert");
    }
    view.querySelector("[data-reset]").addEventListener("click", function () {
      confirm.hidden = false;
      confirm.querySelector("[data-reset-no]").focus();
    });
    view.querySelector("[data-reset-no]").addEventListener("click", function () { confirm.hidden = true; });
    view.querySelector("[data-reset-yes]").addEventListener("click", function () {
      progress = emptyProgress();
      save();
      show(setupView("Progress reset: every question is new again."));
    });
    return view;
  }

  // ----- keyboard: number keys choose, Enter submits ------------------------------------------
  app.addEventListener("keydown", function (event) {
    var form = app.querySelector(".practice__question");
    if (!form || event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[1-9]$/.test(event.key)) {
      var box = form.querySelectorAll("input[name=answer]")[Number(event.key) - 1];
      if (box && !box.disabled) {
        box.checked = box.type === "radio" ? true : !box.checked;
        box.focus();
        event.preventDefault();
      }
    } else if (event.key === "Enter" && !event.target.matches("button, a, textarea")) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // ----- start -------------------------------------------------------------------------------
  var bank = readBank();
  var byId = {};
  bank.questions.forEach(function (question) { byId[question.id] = question; });
  var progress = load();
  var live = element("p", { class: "visually-hidden", "aria-live": "polite" });
  app.replaceChildren(setupView(), live);
})();
