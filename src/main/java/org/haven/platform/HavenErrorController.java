package org.haven.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error ends here: a problem-details body for the API and actuator, a friendly page in the
 * person's language for the web. Neither ever shows a stack trace or an exception message.
 */
@PageController
class HavenErrorController implements ErrorController {

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        int status = statusOf(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            HttpStatus known = HttpStatus.resolve(status);
            Problems.write(response, status, known == null ? "Error" : known.getReasonPhrase(), null);
            return null;
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute(
                "messageKey",
                switch (status) {
                    case 400 -> "error.400";
                    case 403 -> "error.403";
                    case 404 -> "error.404";
                    case 405 -> "error.405";
                    case 413 -> "error.413";
                    default -> status >= 500 ? "error.500" : "error.generic";
                });
        return "error";
    }

    private static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer value ? value : 500;
    }
}
