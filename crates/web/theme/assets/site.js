// Newsdesk default theme: the only script. The site works without it; it
// turns a click on a video facade into the host's player, so no request
// goes to the video host until a reader asks for the video.
(function () {
  "use strict";
  var players = {
    youtube: { id: /^[A-Za-z0-9_-]{11}$/, src: "https://www.youtube-nocookie.com/embed/" },
    vimeo: { id: /^[0-9]{1,12}$/, src: "https://player.vimeo.com/video/" }
  };
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".video-facade__link");
    if (!link) return;
    var box = link.closest(".video-facade");
    var player = players[box.getAttribute("data-provider")];
    var id = box.getAttribute("data-video-id") || "";
    if (!player || !player.id.test(id)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = player.src + id + "?autoplay=1";
    frame.title = link.textContent.replace(/\s+/g, " ").trim();
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.className = "video-facade__frame";
    box.classList.add("video-facade--playing");
    box.replaceChildren(frame);
    frame.focus();
  });
})();
