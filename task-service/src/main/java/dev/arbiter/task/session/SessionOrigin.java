package dev.arbiter.task.session;

import dev.arbiter.platform.problem.ApiProblem;
import java.util.regex.Pattern;

/**
 * Where a session's batches come from: the id the workbench keeps for its device ({@code X-Device-Id},
 * a random id in the browser's local storage) and the client's network address (the first entry of
 * {@code X-Forwarded-For}, which the gateway sets from the connection, else the connection's own
 * address). The device id is the strong half of the shared-device signal; the address alone is weak
 * evidence (offices, campuses and every test share one). Both are bounded before anything is stored.
 */
public record SessionOrigin(String deviceId, String clientAddress) {

    public static final String DEVICE_HEADER = "X-Device-Id";
    public static final int MAX_LENGTH = 64;

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    /**
     * The origin of one request. A device id that is not 1–64 characters of {@code [A-Za-z0-9_-]} is
     * refused (400 naming the header) rather than trimmed: the workbench generates it, so anything else
     * is not the workbench. An address is only cut to 64 characters: it is what the gateway saw.
     */
    public static SessionOrigin of(String deviceHeader, String forwardedFor, String remoteAddress) {
        if (deviceHeader != null && !DEVICE_ID.matcher(deviceHeader).matches()) {
            throw ApiProblem.validation(DEVICE_HEADER, "must be 1 to " + MAX_LENGTH
                    + " characters of letters, digits, '_' and '-'; this one has " + deviceHeader.length() + " characters");
        }
        return new SessionOrigin(deviceHeader, address(forwardedFor, remoteAddress));
    }

    static String address(String forwardedFor, String remoteAddress) {
        String address = null;
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            address = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
        }
        if (address == null || address.isEmpty()) {
            address = remoteAddress == null ? null : remoteAddress.strip();
        }
        if (address == null || address.isEmpty()) {
            return null;
        }
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }

    public boolean known() {
        return deviceId != null || clientAddress != null;
    }
}
