package dev.tpop.core.backend;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What every client of an OpenAI-compatible server here (the remote backend, the remote judge)
 * needs to tell its user in the same words: which base URLs are usable, and why a server could not
 * be reached. The JDK's connection exceptions often carry no message at all, so a bare
 * {@code getMessage()} would print "null".
 */
public final class OpenAiEndpoints {
    private OpenAiEndpoints() {}

    /**
     * The base URL given to {@code option}, refused in one line unless it is http(s) with a host;
     * {@code example} shows the expected shape (e.g. {@code https://api.openai.com/v1}).
     */
    public static URI baseUrl(String option, String text, String example) {
        URI url;
        try {
            url = text == null ? null : new URI(text.strip());
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null || !"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null
                || url.getPort() > 65_535) {
            throw new IllegalArgumentException(option + " " + text + " is not an http(s) URL; e.g. " + example);
        }
        return url;
    }

    /** {@code base} + "/" + {@code path}, whatever trailing slashes the user typed. */
    public static URI resolve(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + "/" + path);
    }

    /** A connection failure in words; a name that does not resolve is named so even when wrapped in a refusal. */
    public static String connectionProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) return "unknown host";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.http.HttpTimeoutException) return "no answer in time";
            if (c instanceof java.net.ConnectException) return "connection refused";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
