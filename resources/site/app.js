// The demo site's script: shows which nodes responded and runs the message board.
"use strict";

function text(id, value) {
  document.getElementById(id).textContent = value;
}

async function whoami() {
  const response = await fetch("/api/whoami");
  const body = await response.json();
  if (!response.ok) {
    text("app-server", body.error || response.statusText);
    return;
  }
  text("web-server", response.headers.get("X-Served-By") || body.webServer);
  text("app-server", body.appServer);
  text("database-node", body.databaseNode);
}

function renderMessages(messages) {
  const list = document.getElementById("messages");
  list.replaceChildren();
  for (const message of messages) {
    const item = document.createElement("li");
    const author = document.createElement("span");
    author.className = "author";
    author.textContent = message.author;
    const time = document.createElement("time");
    time.textContent = message.created_at;
    item.append(author, document.createTextNode(message.body), time);
    list.append(item);
  }
}

async function loadMessages() {
  const response = await fetch("/api/messages");
  const body = await response.json();
  if (!response.ok) {
    text("read-from", body.error || response.statusText);
    return;
  }
  text("read-from", body.readFrom);
  renderMessages(body.messages);
}

async function postMessage(event) {
  event.preventDefault();
  const form = event.target;
  const response = await fetch("/api/messages", {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({author: form.author.value, body: form.body.value}),
  });
  const body = await response.json();
  if (!response.ok) {
    text("post-status", "Not posted: " + (body.error || response.statusText));
    return;
  }
  text("post-status", `Written to ${body.writtenTo} by ${body.appServer}.`);
  form.body.value = "";
  // The replica may not have applied the write yet: reading right away can miss it.
  await loadMessages();
  setTimeout(loadMessages, 500);
}

document.getElementById("refresh").addEventListener("click", whoami);
document.getElementById("post-form").addEventListener("submit", postMessage);
whoami();
loadMessages();
