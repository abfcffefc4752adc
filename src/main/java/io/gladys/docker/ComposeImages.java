package io.gladys.docker;

import io.gladys.sync.DockerImages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The images of a Compose file's built services, as the Docker engine has them (for sync-check). */
public final class ComposeImages implements DockerImages {

    private final ComposeFile compose;
    private final ContainerEngine engine;

    public ComposeImages(ComposeFile compose, ContainerEngine engine) {
        this.compose = compose;
        this.engine = engine;
    }

    @Override
    public List<ComposeImage> images() {
        engine.unavailable().ifPresent(why -> {
            throw new DockerException(why, null);
        });
        List<ComposeImage> out = new ArrayList<>();
        for (ComposeFile.Service s : compose.services()) {
            if (!s.built()) {
                continue;
            }
            String found = null;
            Instant created = null;
            for (String name : compose.imageNames(s)) {
                Optional<Instant> c = engine.imageCreated(name);
                if (c.isPresent()) {
                    found = name;
                    created = c.get();
                    break;
                }
            }
            out.add(new ComposeImage(s.name(), found != null ? found : compose.imageNames(s).get(0), created,
                    s.context(), s.dockerfile(), compose.file()));
        }
        return out;
    }
}
